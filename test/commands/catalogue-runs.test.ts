// Every catalogue entry, in runbook order, against one temporary copy of the demo host.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execa, type ResultPromise } from 'execa';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogue } from '../../commands/index.js';
import { resolveCommand } from '../../src/domain/command-resolution.js';
import type { RunOutcome } from '../../src/domain/run-result.js';
import { runCommand } from '../../src/worker/run/run-command.js';
import { context, demoHost, PYTHON } from '../worker/run/fixtures.js';

interface Expectation {
  readonly outcome: RunOutcome;
  /** A substring of the output. */
  readonly says?: string | RegExp;
  /** A file (relative to the root) that must exist afterwards and contain the text. */
  readonly file?: readonly [string, string];
  /** A path the run must report in `files`. */
  readonly reports?: RegExp;
}

const EXPECTED: Readonly<Record<string, Expectation>> = {
  'monitor.dashboard-status': { outcome: 'succeeded', says: 'Dashboard: running' },
  'monitor.active-alerts': { outcome: 'succeeded', says: 'Active alerts: 2' },
  'monitor.metric-anomalies': { outcome: 'succeeded', says: 'Anomalies: 1' },
  'logs.tail-errors': { outcome: 'succeeded', says: 'backtest finished with 1 failed strategy' },
  'logs.search-errors': { outcome: 'succeeded', says: /logs\/main\.log:8:.*CRITICAL/ },
  'process.list-python': { outcome: 'succeeded', says: 'klaxon-sleeper' },
  'network.port-check': { outcome: 'succeeded', says: '127.0.0.1:5000' },
  'env.python-imports': { outcome: 'succeeded', says: 'YFinance OK' },
  'process.main': { outcome: 'succeeded', says: /running main\.py process/ },
  'logs.collect': { outcome: 'succeeded', reports: /^incident_logs\/\d{8}_\d{6}\/main_recent\.log$/ },
  'system.basic-test': { outcome: 'succeeded', says: '3/3 passed' },
  'data.fetch-test': { outcome: 'succeeded', says: 'Data fetch: OK' },
  'strategy.load-vwap': { outcome: 'succeeded', says: 'VWAP Strategy: OK' },
  'process.stop-python': { outcome: 'succeeded', says: /pid \d+ stopped/ },
  'cleanup.temp': { outcome: 'succeeded', says: 'temp/: deleted 3 file(s)' },
  'env.python-version': { outcome: 'succeeded', says: /^Python 3\./ },
  'env.packages': { outcome: 'succeeded', says: 'yfinance 0.0-demo' },
  'files.compile-check': { outcome: 'succeeded' },
  'config.restore': { outcome: 'succeeded', says: 'Snapshot of the current config/', reports: /^config\/optimized_parameters\.py$/ },
  'run.safe-mode': { outcome: 'succeeded', says: 'modes=safe_mode' },
  'config.check-files': { outcome: 'succeeded', says: 'PRESENT  config/backtest_config.xlsm' },
  'config.list-backups': { outcome: 'succeeded', says: 'backup/pre-restore-' },
  'params.load-test': { outcome: 'succeeded', says: 'Parameter load: OK' },
  'logs.preserve-evidence': { outcome: 'succeeded', reports: /^security_incident\/\d{8}_\d{6}\/logs\/errors\.log$/ },
  'config.recent-changes': { outcome: 'succeeded', says: 'config/optimized_parameters.py' },
  'strategy.load-momentum': { outcome: 'succeeded', says: 'Momentum Strategy: OK' },
  'run.single-strategy': { outcome: 'succeeded', says: 'Backtest completed: 1 strategies' },
  'run.minimal-mode': { outcome: 'succeeded', says: 'modes=minimal_mode' },
  'logs.todays-errors': { outcome: 'succeeded', says: /Last 3 line\(s\) matching \/ERROR\/ on \d{4}-\d{2}-\d{2}/ },
  'env.pip-check': { outcome: 'succeeded', says: 'No broken requirements' },
  'process.resources': { outcome: 'succeeded', says: /Memory: [\d.]+% used/ },
  'run.performance-mode': { outcome: 'succeeded', says: 'modes=performance_mode' },
  'run.max-workers': { outcome: 'succeeded', says: 'workers=2' },
  'perf.gc': { outcome: 'succeeded', says: 'GC completed' },
  'cleanup.temp-and-cache': { outcome: 'succeeded', says: 'config/data_cache/: deleted 3 file(s)' },
  'strategy.diagnose': { outcome: 'succeeded', says: 'MomentumInvestingStrategy downtrend' },
  'system.partial-test': { outcome: 'succeeded', says: '2/2 passed' },
  'run.exclude-strategy': { outcome: 'succeeded', says: /^VWAPBreakoutStrategy.*\nBacktest completed: 1 strategies/m },
  'run.default-params': { outcome: 'succeeded', says: 'modes=use_default_params' },
  'params.reset': { outcome: 'succeeded', file: ['config/strategy_params.json', '"top_n": 10'] },
  'params.regenerate': { outcome: 'succeeded', says: 'Regenerated strategy_params.json' },
  'perf.profile': { outcome: 'succeeded', says: 'Ordered by: cumulative time' },
  'perf.memory-analysis': { outcome: 'succeeded', says: "'pattern': 'stable'" },
  'cache.optimize': { outcome: 'succeeded', says: 'Cache optimised' },
  'run.optimize-data-processing': { outcome: 'succeeded', says: 'modes=optimize_data_processing' },
  'logs.record-issue': { outcome: 'succeeded', file: ['logs/maintenance.log', ' - Low priority issue detected'] },
  'logs.maintenance-note': { outcome: 'succeeded', file: ['logs/maintenance.log', 'Low priority maintenance required'] },
  'system.matrix-test': { outcome: 'succeeded', says: 'Matrix test: 4/4 cases passed' },
  'run.test-mode': { outcome: 'succeeded', says: 'modes=test_mode' },
  'perf.benchmark': { outcome: 'succeeded', says: /Benchmark: .* PASS/ },
  'perf.resource-benchmark': { outcome: 'succeeded', says: 'Resource usage: cpu' },
  'params.check-combinations': { outcome: 'succeeded', says: 'Parameter combinations: 0 problem(s)' },
  'config.validate': { outcome: 'succeeded', says: 'Basic system test (validation): 3/3 passed' },
  'monitoring.adjust-sensitivity': { outcome: 'succeeded', says: 'Alert sensitivity adjusted to 0.8' },
  'monitoring.add-metrics': { outcome: 'succeeded', says: 'gc_pause' },
  'monitoring.increase-frequency': { outcome: 'succeeded', says: 'Monitoring interval is now 30 s' },
  'system.health-check': { outcome: 'succeeded', says: 'Health check: OK' },
  'logs.rotate': { outcome: 'succeeded', says: 'Log rotation: 0 file(s) rotated' },
  'cache.cleanup': { outcome: 'succeeded', says: 'Cache cleanup: removed 0 files' },
  'system.full-diagnostic': { outcome: 'succeeded', says: 'Full diagnostic: imports OK' },
  'params.review': { outcome: 'succeeded', says: 'MomentumInvestingStrategy.top_n: optimised 8, default 10' },
  'security.audit': { outcome: 'succeeded', says: 'Security audit: 0 finding(s)' },
};

let root = '';
let sleeper: ResultPromise | undefined;

beforeAll(async () => {
  root = await demoHost('catalogue');
  // A long-running "backtest" inside the root for the process checks to find and the stop to end.
  sleeper = execa(PYTHON, ['-c', 'import time; time.sleep(120)', 'main.py', 'klaxon-sleeper'], { cwd: root, reject: false });
  await new Promise((resolve) => setTimeout(resolve, 300));
});

afterAll(() => {
  sleeper?.kill('SIGKILL');
});

describe('every catalogue entry on the demo host', () => {
  it('has an expectation for every entry (and none for a removed one)', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(catalogue.map((spec) => spec.id).sort());
  });

  it.each(catalogue.map((spec) => [spec.id, spec] as const))('%s', async (id, spec) => {
    const expected = EXPECTED[id];
    if (!expected) throw new Error(`no expectation for ${id}`);
    const resolved = resolveCommand(catalogue, id, {});
    if (!resolved.ok) throw new Error(`refused: ${JSON.stringify(resolved.error)}`);
    const result = await runCommand(spec, resolved.value.params, context(root));
    expect(result.outcome, result.output).toBe(expected.outcome);
    expect(result.commandId).toBe(id);
    if (expected.says !== undefined) {
      if (typeof expected.says === 'string') expect(result.output).toContain(expected.says);
      else expect(result.output).toMatch(expected.says);
    }
    if (expected.file) expect(await readFile(join(root, expected.file[0]), 'utf8')).toContain(expected.file[1]);
    if (expected.reports) {
      const pattern = expected.reports;
      expect(result.files.map((f) => f.path).some((path) => pattern.test(path)), JSON.stringify(result.files)).toBe(true);
      for (const file of result.files) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
