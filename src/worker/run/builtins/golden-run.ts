// The golden-run canary on the host: runs the backtest system's entry point with the pinned arguments,
// finds the results folder that run wrote (output/dssms_integration/dssms_<yyyyMMdd_HHmmss>/ on the real
// project), and prints its metrics as one line klaxon compares with the last good run.
//
// The entry point reports its own failures only in its output and exits 0 regardless, so "no new results
// folder" or "no metrics file" is the failure that counts, not the exit code alone.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canaryLine, normaliseTradeList, parsePerformanceMetrics, type CanaryMetrics } from '../../../domain/canary.js';
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { runProcess } from '../run-process.js';
import { resolveInside, toRootRelative } from '../safe-path.js';

async function folders(dir: string, prefix: string): Promise<Set<string>> {
  const found = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return new Set(found.filter((e) => e.isDirectory() && e.name.startsWith(prefix)).map((e) => e.name));
}

// Splits streamed output into whole lines for `print`.
function lineSink(print: (line: string) => void): { push(text: string): void; end(): void } {
  let carry = '';
  return {
    push(text) {
      carry += text;
      const lines = carry.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) print(line.replace(/\r$/, ''));
    },
    end() {
      if (carry !== '') print(carry);
      carry = '';
    },
  };
}

export const goldenRun: Builtin = async ({ root, options, params, signal, print, python, env, killGraceMs }) => {
  const outputDir = await resolveInside(root, optionString(options, 'outputDir'));
  const entry = await resolveInside(root, optionString(options, 'entry'));
  if (!outputDir.ok || !entry.ok) {
    print(outputDir.ok ? (entry as { error: string }).error : outputDir.error);
    return { exitCode: 1 };
  }
  const prefix = optionString(options, 'folderPrefix');
  const before = await folders(outputDir.value, prefix);
  const argv: [string, ...string[]] = [
    python,
    toRootRelative(root, entry.value),
    '--start-date', params['start'] ?? '',
    '--end-date', params['end'] ?? '',
    '--fixed-symbol', params['symbol'] ?? '',
    '--force-strategy', params['strategy'] ?? '',
  ];
  const out = lineSink(print);
  const err = lineSink(print);
  // The catalogue's timeout aborts `signal`; this one only bounds a run that somehow outlives it.
  const end = await runProcess(argv, { cwd: root, env, timeoutMs: 24 * 3_600_000, graceMs: killGraceMs, signal, onStdout: out.push, onStderr: err.push });
  out.end();
  err.end();
  if (end.startError !== undefined) {
    print(`klaxon: could not start the golden run: ${end.startError}`);
    return { exitCode: 1 };
  }
  if (end.exitCode !== 0) return { exitCode: end.exitCode ?? 1 };
  const written = [...(await folders(outputDir.value, prefix))].filter((name) => !before.has(name)).sort();
  const latest = written.at(-1);
  const shownDir = toRootRelative(root, outputDir.value);
  if (latest === undefined) {
    print(`klaxon: the golden run wrote no new ${prefix}* folder under ${shownDir}/ — see its output above`);
    return { exitCode: 2 };
  }
  const folder = join(outputDir.value, latest);
  const metricsName = optionString(options, 'metricsFile');
  const tradesName = optionString(options, 'tradesFile');
  const metricsText = await readFile(join(folder, metricsName), 'utf8').catch(() => undefined);
  if (metricsText === undefined) {
    print(`klaxon: ${shownDir}/${latest}/${metricsName} is missing — see the run's output above`);
    return { exitCode: 2 };
  }
  const performance = parsePerformanceMetrics(metricsText);
  if (!performance.ok) {
    print(`klaxon: ${shownDir}/${latest}/${metricsName}: ${performance.error}`);
    return { exitCode: 2 };
  }
  const files = [`${shownDir}/${latest}/${metricsName}`];
  let metrics: CanaryMetrics = performance.value;
  const tradesText = await readFile(join(folder, tradesName), 'utf8').catch(() => undefined);
  if (tradesText !== undefined) {
    const trades = normaliseTradeList(tradesText);
    metrics = { ...metrics, tradeCount: trades.rows, tradeListDigest: createHash('sha256').update(trades.canonical).digest('hex') };
    files.push(`${shownDir}/${latest}/${tradesName}`);
  } else {
    print(`klaxon: ${shownDir}/${latest}/${tradesName} is missing: trades are not compared`);
  }
  print(`Golden run results: ${shownDir}/${latest}/`);
  print(canaryLine(metrics));
  return { exitCode: 0, files };
};
