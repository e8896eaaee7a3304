// The golden-run builtin against a stand-in entry point that behaves as the real one does: a timestamped
// results folder per run, Python's NaN in its JSON, a BOM in its CSV, and exit code 0 even when it failed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../../commands/index.js';
import { parseCanaryOutput } from '../../../../src/domain/canary.js';
import { resolveCommand } from '../../../../src/domain/command-resolution.js';
import { runCommand } from '../../../../src/worker/run/run-command.js';
import { context, tempDir } from '../fixtures.js';

// Writes output/dssms_integration/dssms_<stamp>/ like the real entry point; MODE picks the failure.
const ENTRY = `
import argparse, json, os, sys, time
p = argparse.ArgumentParser()
for flag in ('--start-date', '--end-date', '--fixed-symbol', '--force-strategy'):
    p.add_argument(flag)
a = p.parse_args()
mode = open('mode.txt').read().strip() if os.path.exists('mode.txt') else 'ok'
print('args', a.start_date, a.end_date, a.fixed_symbol, a.force_strategy)
if mode == 'crash':
    print('Traceback (most recent call last): boom')
    sys.exit(0)
if mode == 'exit3':
    sys.exit(3)
stamp = time.strftime('%Y%m%d_%H%M%S')
out = os.path.join('output', 'dssms_integration', 'dssms_' + stamp)
os.makedirs(out, exist_ok=True)
if mode != 'no-metrics':
    with open(os.path.join(out, 'performance_metrics.json'), 'w') as f:
        json.dump({'total_return': 0.0123, 'sharpe_ratio': float('nan'), 'max_drawdown': 0.05, 'win_rate': 0.5}, f, indent=2)
with open(os.path.join(out, 'all_transactions.csv'), 'w', encoding='utf-8-sig', newline='') as f:
    f.write('symbol,entry_date,pnl\\r\\n8306.T,2024-01-05,1200\\r\\n8306.T,2024-02-01,-300\\r\\n')
`;

const spec = catalogue.find((c) => c.id === 'canary.golden-run')!;

async function host(mode: string): Promise<string> {
  const root = await tempDir('golden');
  await mkdir(join(root, 'src', 'dssms'), { recursive: true });
  await writeFile(join(root, 'src', 'dssms', 'dssms_integrated_main.py'), ENTRY);
  await writeFile(join(root, 'mode.txt'), mode);
  return root;
}

async function run(root: string, params: Record<string, string> = {}) {
  const resolved = resolveCommand(catalogue, 'canary.golden-run', params);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  return runCommand(spec, resolved.value.params, context(root));
}

describe('the golden-run builtin', () => {
  it('passes the pinned flags and prints the metrics of the folder its run wrote', async () => {
    const root = await host('ok');
    const result = await run(root, { symbol: '7203.T', start: '2024-02-01', end: '2024-02-29', strategy: 'BreakoutStrategy' });
    expect(result.outcome, result.output).toBe('succeeded');
    expect(result.output).toContain('args 2024-02-01 2024-02-29 7203.T BreakoutStrategy');
    const metrics = parseCanaryOutput(result.output);
    expect(metrics.ok && metrics.value).toEqual({
      totalReturn: 0.0123,
      maxDrawdown: 0.05,
      tradeCount: 2,
      tradeListDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.files.map((f) => f.path)).toEqual([
      expect.stringMatching(/^output\/dssms_integration\/dssms_\d{8}_\d{6}\/performance_metrics\.json$/),
      expect.stringMatching(/^output\/dssms_integration\/dssms_\d{8}_\d{6}\/all_transactions\.csv$/),
    ]);
  });

  it('gives the same trade list digest for the same trades', async () => {
    const [first, second] = [await run(await host('ok')), await run(await host('ok'))];
    const digest = (output: string) => {
      const m = parseCanaryOutput(output);
      return m.ok ? m.value.tradeListDigest : undefined;
    };
    expect(digest(first.output)).toBeDefined();
    expect(digest(first.output)).toBe(digest(second.output));
  });

  it.each([
    ['crash', 'a traceback with exit code 0 and no results folder', 2, 'wrote no new dssms_* folder under output/dssms_integration/'],
    ['no-metrics', 'a results folder without its metrics file', 2, 'performance_metrics.json is missing'],
    ['exit3', 'a non-zero exit', 3, 'args'],
  ])('fails on %s (%s)', async (mode, _what, exitCode, says) => {
    const result = await run(await host(mode));
    expect(result.outcome).toBe('failed');
    expect(result.exitCode).toBe(exitCode);
    expect(result.output).toContain(says);
    expect(parseCanaryOutput(result.output).ok).toBe(false);
  });

  it('refuses a parameter that is not a date, symbol or strategy name', () => {
    for (const [name, value] of [['start', '2024-1-1'], ['symbol', '--help'], ['strategy', 'os.system']] as const) {
      expect(resolveCommand(catalogue, 'canary.golden-run', { [name]: value }).ok).toBe(false);
    }
  });
});
