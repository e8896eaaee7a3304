// The reproducibility snapshot end to end on the demo host: taken, a config file changed, taken again,
// and the difference names that file (what the resolve-time comparison reports).
import { describe, it, expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogue, findCommand } from '../../commands/index.js';
import { resolveCommand } from '../../src/domain/command-resolution.js';
import { parseSnapshot, snapshotChanges } from '../../src/domain/host-snapshot.js';
import { runCommand } from '../../src/worker/run/run-command.js';
import { context, demoHost } from '../worker/run/fixtures.js';

async function snapshot(root: string) {
  const spec = findCommand('host.snapshot');
  const resolved = resolveCommand(catalogue, 'host.snapshot', {});
  if (!spec || !resolved.ok) throw new Error('host.snapshot missing');
  const result = await runCommand(spec, resolved.value.params, context(root));
  expect(result.outcome, result.output).toBe('succeeded');
  const parsed = parseSnapshot(result.output);
  if (!parsed) throw new Error(`no snapshot in ${result.output}`);
  return parsed;
}

describe('the host snapshot', () => {
  it('records config and parameter digests and the Python version, and the diff names a changed config file', async () => {
    const root = await demoHost('snapshot');
    const before = await snapshot(root);
    expect(before.configFiles['config/config.yaml']).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(before.paramFiles)).toContain('config/optimized_parameters.py');
    expect(before.python).toMatch(/^3\.\d+\.\d+$/);
    expect(snapshotChanges(before, await snapshot(root))).toEqual([]);
    await writeFile(join(root, 'config/performance_monitoring/alert_rules.json'), '{}\n');
    const after = await snapshot(root);
    expect(snapshotChanges(before, after)).toEqual([{ kind: 'file', path: 'config/performance_monitoring/alert_rules.json', change: 'modified' }]);
  });

  it('rejects output without a well-formed snapshot line', () => {
    expect(parseSnapshot('no snapshot here')).toBeUndefined();
    expect(parseSnapshot('KLAXON_SNAPSHOT {not json')).toBeUndefined();
    expect(parseSnapshot('KLAXON_SNAPSHOT {"commit":null}')).toBeUndefined();
  });

  it('reports commits, dirty files, Python and package changes', () => {
    const base = { commit: 'a', dirty: ['x.py'], configSha256: null, configFiles: {}, paramFiles: {}, python: '3.11.2', packages: { pandas: '1.5.3', yfinance: null } };
    const next = { ...base, commit: 'b', dirty: ['y.py'], python: '3.11.4', packages: { pandas: '2.0.0', yfinance: null } };
    expect(snapshotChanges(base, next)).toEqual([
      { kind: 'commit', before: 'a', after: 'b' },
      { kind: 'dirty', path: 'y.py', change: 'added' },
      { kind: 'dirty', path: 'x.py', change: 'removed' },
      { kind: 'python', before: '3.11.2', after: '3.11.4' },
      { kind: 'package', name: 'pandas', before: '1.5.3', after: '2.0.0' },
    ]);
  });
});
