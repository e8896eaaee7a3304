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
    expect(lines).toHaveLength(catalogue.length + 1);
    expect(out.stdout).toMatch(/run\.max-workers\s+mutating\s+Run with limited parallelism\s+\[params: workers=2 \(1\.\.32\)\]/);
    expect(out.stdout).toMatch(/config\.restore\s+destructive\s+.*approval >=high/);
  });

  it('prints JSON with --json', () => {
    const { out, io } = collect();
    expect(commandsCli(['--json'], io, catalogue)).toBe(0);
    const rows = JSON.parse(out.stdout) as { id: string; risk: string; params: object }[];
    expect(rows.map((r) => r.id)).toEqual(catalogue.map((s) => s.id));
    expect(rows.find((r) => r.id === 'logs.collect')).toMatchObject({ risk: 'read-only', ticks: 'initial_logs' });
  });

  it('refuses unknown arguments with exit code 2', () => {
    const { out, io } = collect();
    expect(commandsCli(['--yaml'], io, catalogue)).toBe(2);
    expect(out.stderr).toContain("unknown argument '--yaml'");
    expect(out.stdout).toBe('');
  });
});
