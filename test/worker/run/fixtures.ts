// Shared by the runner tests: temporary folders, a fresh demo host copy, and a run context.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandSpec } from '../../../src/domain/catalogue.js';
import type { RunContext } from '../../../src/worker/run/run-command.js';
import { copyDemoHost } from '../../../src/worker/run/demo-host.js';

export const PYTHON = 'python3';

export const tempDir = (label: string): Promise<string> => mkdtemp(join(tmpdir(), `klaxon-${label}-`));

export async function demoHost(label: string): Promise<string> {
  return copyDemoHost(join(await tempDir(label), 'host'));
}

export const context = (root: string, extra: Partial<RunContext> = {}): RunContext => ({
  root,
  python: PYTHON,
  now: Date.now,
  hostEnv: process.env,
  ...extra,
});

export const pythonSpec = (id: string, code: string, extra: Partial<CommandSpec> = {}): CommandSpec => ({
  id,
  title: { en: id, ja: id },
  runbook: [],
  risk: 'read-only',
  timeoutMs: 20_000,
  outputCapBytes: 64 * 1024,
  action: { kind: 'argv', argv: ['{python}', '-c', code] },
  ...extra,
});
