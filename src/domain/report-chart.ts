// The report's picture of its own incident: a Mermaid gantt chart (GitHub and most Markdown viewers draw a
// ```mermaid block) with detection, the first response and recovery against their §1.2 targets, and the close.
// Times are the team zone's wall clock (Mermaid has no zones), named in the title. User text (the title) is
// reduced to characters Mermaid reads as text, so a title can never end a line, a statement or the fence.
import type { Incident, Instant } from './incident.js';
import type { ReportContext } from './report-context.js';
import { metTarget, type SlaTargets } from './sla.js';
import { formatInstant, zoneAbbreviation } from './time.js';

/** Mermaid's reading of the times below (dayjs tokens). */
export const CHART_DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss';
const DATE_PATTERN = 'yyyy-MM-dd HH:mm:ss';
const TITLE_MAX = 80;

// `#` and `;` end a gantt statement, `:` splits a task's name from its data, `%%` starts a comment, a backtick
// run could close the fence, `<>"` reach the SVG: each becomes its full-width twin or a space.
const REPLACEMENTS: Readonly<Record<string, string>> = { '#': '＃', ';': '；', ':': '：', '%': '％', '`': 'ʼ', '<': '‹', '>': '›', '"': '”', ',': '，', '\\': '＼', '{': '｛', '}': '｝' };

/**
 * Text safe anywhere in a gantt line: one line, no statement or comment syntax, at most `max` characters.
 * @example mermaidText('DB: down; see #42') //=> 'DB： down； see ＃42'
 */
export function mermaidText(text: string, max = TITLE_MAX): string {
  const flat = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[#;:%`<>",\\{}]/g, (c) => REPLACEMENTS[c] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

const seconds = (ms: number): string => `${Math.max(0, Math.round(ms / 1000))}s`;

export interface ChartInput {
  readonly incident: Incident;
  readonly targets: SlaTargets;
  readonly timeZone: string;
  readonly generatedAt: Instant;
}

/** The ```mermaid block, fence included. */
export function incidentChart(input: ChartInput, ctx: ReportContext): string {
  const { incident, targets, timeZone, generatedAt } = input;
  const { chart, duration } = ctx.w;
  const at = (instant: Instant): string => formatInstant(instant, timeZone, DATE_PATTERN);
  const task = (name: string, tags: readonly string[], id: string, start: Instant, ms: number): string =>
    `    ${mermaidText(name)} :${[...tags, id].join(', ')}, ${at(start)}, ${seconds(ms)}`;
  const milestone = (name: string, id: string, when: Instant): string => task(name, ['milestone'], id, when, 0);
  const declared = incident.declaredAt;
  const acknowledged = incident.status === 'declared' ? undefined : incident.acknowledgedAt;
  const resolved = incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined;

  // A target's window, then what happened: done and met, done and missed (crit), or still running (active).
  const clock = (id: string, targetMinutes: number, reachedAt: Instant | undefined): string[] => {
    const targetMs = targetMinutes * 60_000;
    const lines = [task(chart.target(duration(targetMs)), [], `${id}_target`, declared, targetMs)];
    if (reachedAt === undefined) {
      const running = Math.max(0, generatedAt - declared);
      lines.push(task(chart.ongoing(duration(running)), running >= targetMs ? ['active', 'crit'] : ['active'], `${id}_actual`, declared, running));
    } else {
      const taken = reachedAt - declared;
      const met = metTarget(taken, targetMinutes);
      lines.push(task(chart.actual(duration(taken), met ? chart.met : chart.missed), met ? ['done'] : ['done', 'crit'], `${id}_actual`, declared, taken));
    }
    return lines;
  };

  const detection = [
    ...(incident.startedAt !== undefined && incident.startedAt < incident.detectedAt ? [milestone(chart.started, 'started', incident.startedAt)] : []),
    ...(incident.detectedAt < declared ? [milestone(chart.detected, 'detected', incident.detectedAt)] : []),
    milestone(chart.declared, 'declared', declared),
  ];
  const lines = [
    'gantt',
    `    title ${mermaidText(chart.title(incident.id, `${incident.title} (${zoneAbbreviation(timeZone, declared)})`))}`,
    `    dateFormat ${CHART_DATE_FORMAT}`,
    '    axisFormat %m/%d %H:%M',
    `    section ${mermaidText(chart.sections.detection)}`,
    ...detection,
    `    section ${mermaidText(chart.sections.response)}`,
    ...clock('response', targets.responseMinutes, acknowledged),
    `    section ${mermaidText(chart.sections.recovery)}`,
    ...clock('recovery', targets.recoveryMinutes, resolved),
    ...(incident.status === 'closed' ? [`    section ${mermaidText(chart.sections.close)}`, milestone(chart.closed, 'closed', incident.closedAt)] : []),
  ];
  return ['```mermaid', ...lines, '```'].join('\n');
}
