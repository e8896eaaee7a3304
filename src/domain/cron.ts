// Cron patterns as BullMQ's job schedulers read them: five fields (minute hour day-of-month month
// day-of-week), or six with seconds first. Checked here so a typo in the policy is an error at start-up,
// not a schedule that silently never fires.
import { err, ok, type Result } from './result.js';

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const SECOND: Field = { name: 'second', min: 0, max: 59 };
const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  // 0 and 7 are both Sunday.
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

function value(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (field.min === 1 ? 1 : 0);
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

// One comma-separated part: `*`, `n`, `a-b`, each optionally `/step`.
function checkPart(part: string, field: Field): string | undefined {
  const [range = '', step, extra] = part.split('/');
  if (extra !== undefined) return `"${part}" has two steps`;
  if (step !== undefined && (!/^\d{1,2}$/.test(step) || Number(step) === 0)) return `"${part}": the step must be a whole number above 0`;
  if (range === '*' || (range === '?' && (field.name === 'day of month' || field.name === 'day of week'))) return undefined;
  const [from = '', to, more] = range.split('-');
  if (more !== undefined) return `"${part}" is not a range`;
  const start = value(from, field);
  if (start === undefined) return `"${from}" is not in ${field.min}–${field.max}${field.names ? " or a name" : ""}`;
  if (to === undefined) return undefined;
  const end = value(to, field);
  if (end === undefined) return `"${to}" is not in ${field.min}–${field.max}${field.names ? " or a name" : ""}`;
  return start <= end ? undefined : `"${range}" runs backwards`;
}

/**
 * Checks a cron pattern; the error names the field and what is wrong with it.
 * @example checkCron('0 6 * * mon') //=> { ok: true, value: '0 6 * * mon' }
 * @example checkCron('0 25 * * *') //=> { ok: false, error: 'hour: "25" is not in 0–23' }
 */
export function checkCron(pattern: string): Result<string, string> {
  const parts = pattern.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return err(`expected 5 fields (minute hour day month weekday) or 6 with seconds first, got ${parts.length}`);
  const fields = parts.length === 6 ? [SECOND, ...FIELDS] : FIELDS;
  for (const [index, text] of parts.entries()) {
    const field = fields[index] as Field;
    for (const part of text.split(',')) {
      const problem = part === '' ? 'an empty list element' : checkPart(part, field);
      if (problem !== undefined) return err(`${field.name}: ${problem}`);
    }
  }
  return ok(parts.join(' '));
}
