// `klaxon followups [--open] [--csv] [--include-private]`: every incident's follow-ups (id, state, owner, due day,
// text) from Redis, as a table for people or as CSV for a spreadsheet. A private incident's title and follow-up
// texts are for the people inside it, and an export travels further than the terminal: they are left out unless
// asked for.
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import { toCsv } from '../domain/csv.js';
import { followUpRows, type FollowUpRow } from '../domain/follow-up-items.js';
import { formatInstant } from '../domain/time.js';
import type { Logger } from '../logger.js';
import { withIncidentStore } from './read-store.js';

const USAGE = 'usage: klaxon followups [--open] [--csv] [--include-private]\n';
const OPTIONS = ['--open', '--csv', '--include-private'];
const WITHHELD = '(private)';
const COLUMNS = ['incident', 'severity', 'id', 'kind', 'state', 'owner', 'due', 'done_at', 'text', 'incident_title'] as const;

function cells(row: FollowUpRow, timeZone: string): string[] {
  return [
    row.incidentId, row.severity, row.id, row.kind, row.state, row.owner ?? '', row.due ?? '',
    row.doneAt === undefined ? '' : formatInstant(row.doneAt, timeZone), row.text, row.incidentTitle,
  ];
}

// For a terminal: one line per follow-up, the text last and on one line.
function table(rows: readonly FollowUpRow[], timeZone: string): string {
  if (rows.length === 0) return 'No follow-ups.\n';
  const lines = [[...COLUMNS.slice(0, -1)], ...rows.map((row) => cells(row, timeZone).slice(0, -1).map((cell) => cell.replace(/\s+/g, ' ')))];
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((line) => [...(line[i] ?? '')].length))) ?? [];
  return `${lines.map((line) => line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')}\n`;
}

export async function followupsCommand(args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  const unknown = args.filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length > 0) {
    io.stderr.write(`klaxon followups: unknown argument '${unknown[0]}'\n${USAGE}`);
    return 2;
  }
  try {
    const incidents = await withIncidentStore(config, (store) => store.listDeclared(0, Date.now() + 1));
    const listed = followUpRows(incidents).filter((row) => !args.includes('--open') || row.state === 'open');
    const hide = !args.includes('--include-private');
    const rows = listed.map((row) => (hide && row.private ? { ...row, incidentTitle: WITHHELD, text: WITHHELD } : row));
    const withheld = hide ? listed.filter((row) => row.private).length : 0;
    if (withheld > 0) io.stderr.write(`klaxon followups: ${withheld} follow-up(s) of private incidents without title and text; --include-private shows them\n`);
    io.stdout.write(args.includes('--csv') ? toCsv([[...COLUMNS], ...rows.map((row) => cells(row, config.timeZone))]) : table(rows, config.timeZone));
    return 0;
  } catch (error) {
    io.stderr.write(`klaxon followups: ${(error as Error).message}\n`);
    return 1;
  }
}
