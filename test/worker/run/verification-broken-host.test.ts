// Verification is judged by content: on a demo host broken on purpose, the §8 entries that tick
// システム検証実施 fail, although the scripts behind them still exit 0 where the real ones would.
import { describe, it, expect } from 'vitest';
import { appendFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogue, findCommand } from '../../../commands/index.js';
import { resolveCommand } from '../../../src/domain/command-resolution.js';
import { runCommand } from '../../../src/worker/run/run-command.js';
import { HELPER_PACKAGES } from '../../../src/worker/run/host-helpers.js';
import { hostVerdict } from '../../../src/domain/host-verdict.js';
import { context, demoHost } from './fixtures.js';

async function run(root: string, id: string) {
  const spec = findCommand(id);
  const resolved = resolveCommand(catalogue, id, {});
  if (!spec || !resolved.ok) throw new Error(`no ${id}`);
  return runCommand(spec, resolved.value.params, context(root));
}

describe('verification on a broken demo host', () => {
  it('declares pass criteria for every entry that ticks the verification item', () => {
    const verifying = catalogue.filter((spec) => spec.ticks === 'system_verified');
    expect(verifying.length).toBeGreaterThan(3);
    // Resource usage is a reading, not a test: it reports, it cannot pass or fail on content. The golden run
    // is judged by klaxon against the last good run's metrics, not by its own output.
    expect(verifying.filter((spec) => spec.passWhen === undefined).map((spec) => spec.id)).toEqual(['perf.resource-benchmark', 'canary.golden-run']);
  });

  it('passes on the healthy host and fails when a strategy is broken', async () => {
    const root = await demoHost('broken-strategy');
    expect((await run(root, 'system.matrix-test')).outcome).toBe('succeeded');
    await writeFile(join(root, 'strategies/contrarian_strategy.py'), 'class ContrarianStrategy:\n    def __init__(self, data):\n        raise RuntimeError("broken on purpose")\n');
    const result = await run(root, 'system.matrix-test');
    expect(result.outcome).toBe('failed');
    expect(result.output).toContain('ContrarianStrategy up: FAILED RuntimeError: broken on purpose');
    expect(result.output).toMatch(/^Matrix: 15\/18 passed$/m);
    // The diagnosis of the same host reports the broken strategy and has done its job.
    const diagnosis = await run(root, 'strategy.diagnose');
    expect(diagnosis.outcome).toBe('succeeded');
    expect(diagnosis.output).toContain('ContrarianStrategy down: FAILED RuntimeError: broken on purpose');
  });

  it("says in one line that the host metrics need psutil on a host without it, and check:host counts it as a missing package", async () => {
    const root = await demoHost('no-psutil');
    // The demo's stand-in shadows any installed psutil (the tree comes first on sys.path): now as if none were installed.
    await writeFile(join(root, 'psutil/__init__.py'), 'raise ModuleNotFoundError("No module named \'psutil\'", name="psutil")\n');
    const result = await run(root, 'monitor.metric-anomalies');
    expect(result.outcome).toBe('failed');
    expect(result.output.trim()).toBe("No module named 'psutil': the host metrics read it; install it on this host (pip install psutil)");
    expect(hostVerdict(result, 0, new Set(HELPER_PACKAGES))).toEqual({ verdict: 'missing package', detail: 'psutil' });
  });

  it('fails the config validation on a corrupted config file', async () => {
    const root = await demoHost('broken-config');
    expect((await run(root, 'config.validate')).outcome).toBe('succeeded');
    await appendFile(join(root, 'config/performance_monitoring/alert_rules.json'), '{ truncated');
    const result = await run(root, 'config.validate');
    expect(result.outcome).toBe('failed');
    expect(result.output).toContain('PROBLEM config/performance_monitoring/alert_rules.json: JSONDecodeError');
  });

  it('fails the parameter check when the grid grows past 10,000, although the script exits 0', async () => {
    const root = await demoHost('broken-grid');
    await appendFile(join(root, 'optimization/configs/vwap_breakout_optimization.py'), 'PARAM_GRID["atr_multiple"] = list(range(20))\n');
    const result = await run(root, 'params.check-combinations');
    expect(result.exitCode).toBe(0);
    expect(result.outcome).toBe('failed');
    expect(result.output).toContain('klaxon: pass criterion not met: the script reports at most 10,000 combinations');
  });

  it('fails the basic system test when the coordination interface is gone', async () => {
    const root = await demoHost('broken-basic');
    await rm(join(root, 'config/multi_strategy_coordination_interface.py'));
    expect((await run(root, 'system.basic-test')).outcome).toBe('failed');
  });
});
