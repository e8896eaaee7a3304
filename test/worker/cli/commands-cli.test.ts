import { describe, it, expect } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { commandsCli } from '../../../src/worker/cli/commands-cli.js';

const collect = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
};

describe('klaxon commands', () => {
  it('lists every command with its risk, title and parameters', () => {
    const { out, io } = collect();
    expect(commandsCli([], io, catalogue)).toBe(0);
    const lines = out.stdout.trim().split('\n');
    const departing = catalogue.filter((s) => s.departure).length;
    expect(lines).toHaveLength(1 + 2 * catalogue.length + departing);
    expect(out.stdout).toMatch(/logs\.tail-errors\s+read-only\s+Tail of the error and main logs\s+\[params: lines=50 \(1\.\.2000\)\]/);
    expect(out.stdout).toMatch(/^\s+runs: \{python\} \{helper:klaxon_guard\} \{helper:klaxon_strategies\} matrix all$/m);
    expect(out.stdout).toMatch(/^\s+differs from the runbook: comprehensive_matrix_test\.py exits 0 when its cases fail/m);
    expect(out.stdout).toMatch(/config\.restore\s+destructive\s+.*approval >=high/);
  });

  it('prints JSON with --json', () => {
    const { out, io } = collect();
    expect(commandsCli(['--json'], io, catalogue)).toBe(0);
    const rows = JSON.parse(out.stdout) as { id: string; risk: string; params: object }[];
    expect(rows.map((r) => r.id)).toEqual(catalogue.map((s) => s.id));
    expect(rows.find((r) => r.id === 'logs.collect')).toMatchObject({
      risk: 'mutating',
      ticks: 'initial_logs',
      action: { kind: 'builtin', builtin: 'log-bundle', options: { dest: 'incident_logs' } },
    });
    expect(rows.find((r) => r.id === 'run.single-strategy')).toMatchObject({
      action: { kind: 'argv', argv: ['{python}', 'src/dssms/dssms_integrated_main.py', '--force-strategy', '{strategy}', '--start-date', '{start}', '--end-date', '{end}'] },
      departure: { en: expect.stringContaining('--force-strategy') },
    });
    expect(rows.find((r) => r.id === 'system.matrix-test')).toMatchObject({
      action: { argv: ['{python}', '{helper:klaxon_guard}', '{helper:klaxon_strategies}', 'matrix', 'all'], readOnlyGuard: true },
      passWhen: { output: expect.any(String) },
    });
  });

  it('refuses unknown arguments with exit code 2', () => {
    const { out, io } = collect();
    expect(commandsCli(['--yaml'], io, catalogue)).toBe(2);
    expect(out.stderr).toContain("unknown argument '--yaml'");
    expect(out.stdout).toBe('');
  });
});
