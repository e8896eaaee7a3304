// A strict reader of the Mermaid gantt charts klaxon writes into reports, to check their structure in tests:
// the statements Mermaid's gantt grammar knows, sections, and task lines whose data are known tags, a unique
// id, a real date in the declared format and a duration in a unit Mermaid reads. Anything else throws.

export interface GanttTask {
  readonly name: string;
  readonly tags: readonly string[];
  readonly id: string;
  /** Epoch ms of the wall-clock start, read as UTC (the chart has no zone). */
  readonly start: number;
  readonly durationMs: number;
}

export interface GanttChart {
  readonly title: string;
  readonly dateFormat: string;
  readonly axisFormat: string;
  readonly sections: readonly { readonly name: string; readonly tasks: readonly GanttTask[] }[];
}

const TAGS = new Set(['active', 'done', 'crit', 'milestone']);
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
// Characters that end a statement, start a comment or split a task in Mermaid's gantt grammar.
const STATEMENT_BREAKERS = /[#;]|%%/;

function parseDate(text: string): number {
  const m = DATE.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD HH:mm:ss date: ${JSON.stringify(text)}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(at);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new Error(`not a real date: ${text}`);
  }
  return at;
}

/** Reads a ```mermaid block (fence included or not) as a gantt chart; throws on anything it does not expect. */
export function parseGantt(block: string): GanttChart {
  const body = block.replace(/^```mermaid\n/, '').replace(/\n```\s*$/, '');
  if (body.includes('```')) throw new Error('a fence inside the block');
  const lines = body.split('\n').map((line) => line.trim());
  if (lines[0] !== 'gantt') throw new Error(`not a gantt chart: ${JSON.stringify(lines[0])}`);
  let title: string | undefined;
  let dateFormat: string | undefined;
  let axisFormat: string | undefined;
  const sections: { name: string; tasks: GanttTask[] }[] = [];
  const ids = new Set<string>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [keyword = '', ...restWords] = line.split(' ');
    const rest = restWords.join(' ');
    if (keyword === 'title' || keyword === 'section') {
      if (rest.trim() === '' || STATEMENT_BREAKERS.test(rest)) throw new Error(`bad ${keyword}: ${JSON.stringify(rest)}`);
      if (keyword === 'title') title = rest;
      else sections.push({ name: rest, tasks: [] });
      continue;
    }
    if (keyword === 'dateFormat') {
      if (rest !== 'YYYY-MM-DD HH:mm:ss') throw new Error(`unexpected dateFormat ${rest}`);
      dateFormat = rest;
      continue;
    }
    if (keyword === 'axisFormat') {
      axisFormat = rest;
      continue;
    }
    const colon = line.indexOf(' :');
    if (colon <= 0) throw new Error(`not a statement or a task: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon);
    if (/[:#;]|%%/.test(name)) throw new Error(`a task name Mermaid would split: ${JSON.stringify(name)}`);
    const section = sections[sections.length - 1];
    if (!section) throw new Error(`a task before any section: ${line}`);
    const data = line.slice(colon + 2).split(',').map((part) => part.trim());
    const duration = DURATION.exec(data.pop() ?? '');
    if (!duration) throw new Error(`bad duration in ${line}`);
    const start = parseDate(data.pop() ?? '');
    const id = data.pop() ?? '';
    if (!/^[A-Za-z_][\w-]*$/.test(id) || ids.has(id)) throw new Error(`bad or repeated id ${JSON.stringify(id)}`);
    ids.add(id);
    for (const tag of data) if (!TAGS.has(tag)) throw new Error(`unknown tag ${tag}`);
    section.tasks.push({ name, tags: data, id, start, durationMs: Number(duration[1]) * (UNIT_MS[duration[2] ?? ''] ?? NaN) });
  }
  if (title === undefined || dateFormat === undefined || axisFormat === undefined) throw new Error('title, dateFormat or axisFormat missing');
  return { title, dateFormat, axisFormat, sections };
}

/** The ```mermaid blocks of a Markdown document, fences included. */
export const mermaidBlocks = (markdown: string): string[] => markdown.match(/^```mermaid\n[\s\S]*?\n```$/gm) ?? [];
