// `npm run check:host -- <dir>`: every read-only catalogue entry against a checkout of the backtest
// system, with a digest of every file before and after each run, printed as a Markdown table (the one
// docs/real-host.md keeps) and a summary line. Exit 0 when no run timed out, wrote, or was klaxon's fault.
import { stat, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Catalogue } from '../../domain/catalogue.js';
import { resolveCommand } from '../../domain/command-resolution.js';
import { hostVerdict, type Verdict } from '../../domain/host-verdict.js';
import { HELPER_PACKAGES, hostHelpersDir } from '../run/host-helpers.js';
import { runCommand } from '../run/run-command.js';
import { digestTree, treeChanges } from '../run/tree-digest.js';
import type { CliIo } from './cli-io.js';

export interface CheckHostOptions {
  readonly catalogue: Catalogue;
  readonly python: string;
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
}

interface Row {
  readonly id: string;
  readonly outcome: string;
  readonly exitCode: number | null;
  readonly ms: number;
  readonly written: readonly string[];
  readonly firstLine: string;
  readonly verdict: Verdict;
}

// requirements.txt names as import names (scikit-learn -> sklearn is the one common exception), and what
// klaxon's own helpers import: a host without those lacks a package, as it would lack a declared one.
async function declaredPackages(root: string): Promise<Set<string>> {
  const text = await readFile(join(root, 'requirements.txt'), 'utf8').catch(() => '');
  const names = text
    .split('\n')
    .map((line) => line.split('#')[0]?.trim().split(/[<>=!~[; ]/)[0]?.toLowerCase().replace(/-/g, '_') ?? '')
    .filter(Boolean);
  return new Set([...names, ...(names.includes('scikit_learn') ? ['sklearn'] : []), ...HELPER_PACKAGES]);
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/`/g, "'").slice(0, 110);

// The first line that says something (not a blank or a bare log prefix).
const firstLineOf = (output: string): string => output.split('\n').find((line) => line.trim() !== '') ?? '';

export function formatTable(rows: readonly Row[]): string {
  const head = '| id | outcome | exit | ms | files written | first line of output | verdict |\n|---|---|---|---|---|---|---|\n';
  return (
    head +
    rows
      .map((r) => {
        const verdict = r.verdict.detail ? `${r.verdict.verdict} (${r.verdict.detail})` : r.verdict.verdict;
        return `| \`${r.id}\` | ${r.outcome} | ${r.exitCode ?? '—'} | ${r.ms} | ${r.written.length} | ${cell(r.firstLine)} | ${verdict} |`;
      })
      .join('\n') +
    '\n'
  );
}

export function summarise(rows: readonly Row[]): string {
  const gaps = rows.filter((r) => r.verdict.verdict === 'missing package');
  const counted = rows.filter((r) => r.verdict.verdict !== 'missing package');
  const ok = counted.filter((r) => r.outcome === 'succeeded').length;
  const pct = counted.length === 0 ? 0 : Math.round((ok / counted.length) * 100);
  const by = (v: string): number => rows.filter((r) => r.verdict.verdict === v).length;
  const missing = [...new Set(gaps.map((r) => r.verdict.detail))].join(', ');
  return [
    `${rows.length} read-only entries; ${gaps.length} need a package this Python lacks${missing ? ` (${missing})` : ''} and are not counted.`,
    `Exit 0: ${ok}/${counted.length} (${pct} %). Timeouts: ${rows.filter((r) => r.outcome === 'timed_out').length}. Files written: ${rows.reduce((n, r) => n + r.written.length, 0)}.`,
    `Verdicts: ok ${by('ok')}, project defect ${by('project defect')}, missing package ${by('missing package')}, not running ${by('not running')}, klaxon defect ${by('klaxon defect')}.`,
  ].join('\n');
}

// The manifest's `tree` paths the checkout lacks (docs/backtest-host-layout.json beside host/).
async function missingLayout(root: string): Promise<{ readonly total: number; readonly missing: string[] }> {
  const file = join(dirname(hostHelpersDir()), 'docs', 'backtest-host-layout.json');
  const layout = JSON.parse(await readFile(file, 'utf8')) as { tree: string[] };
  const missing: string[] = [];
  for (const path of layout.tree) if ((await stat(join(root, path)).catch(() => undefined)) === undefined) missing.push(path);
  return { total: layout.tree.length, missing };
}

// Runs the check; exit 0 when klaxon is at fault nowhere, 1 otherwise, 2 on usage errors.
export async function checkHostCli(args: readonly string[], io: CliIo, options: CheckHostOptions): Promise<number> {
  const [root, ...rest] = args;
  if (root === undefined || rest.length > 0) {
    io.stderr.write('usage: npm run check:host -- <backtest checkout>\n');
    return 2;
  }
  const declared = await declaredPackages(root);
  const rows: Row[] = [];
  for (const spec of options.catalogue.filter((s) => s.risk === 'read-only')) {
    const resolved = resolveCommand(options.catalogue, spec.id, {});
    if (!resolved.ok) continue;
    const before = await digestTree(root);
    const result = await runCommand(spec, resolved.value.params, { root, python: options.python, now: options.now, hostEnv: options.hostEnv });
    const written = treeChanges(before, await digestTree(root));
    const row: Row = {
      id: spec.id,
      outcome: result.outcome,
      exitCode: result.exitCode,
      ms: result.durationMs,
      written,
      firstLine: firstLineOf(result.output),
      verdict: hostVerdict(result, written.length, declared),
    };
    rows.push(row);
    io.stderr.write(`${row.id}: ${row.outcome} (${row.verdict.verdict}) ${row.ms} ms${written.length ? `, wrote ${written.slice(0, 5).join(', ')}` : ''}\n`);
  }
  const layout = await missingLayout(root);
  const layoutLine = `Layout: ${layout.total - layout.missing.length}/${layout.total} manifest paths present${layout.missing.length ? `; missing: ${layout.missing.join(', ')}` : ''}.`;
  io.stdout.write(`${formatTable(rows)}\n${summarise(rows)}\n${layoutLine}\n`);
  return rows.some((r) => r.verdict.verdict === 'klaxon defect') || layout.missing.length > 0 ? 1 : 0;
}
