// `klaxon worker` as a real child process of the test, started from the build, ready when it says so.
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './klaxon-harness.js';

export interface WorkerProcess {
  readonly child: ChildProcess;
  output(): string;
}

/**
 * Starts a worker with PATH, HOME and TMPDIR plus `env`; `started` collects it so the test can kill it afterwards.
 * (TMPDIR: the test run's folder, so a run's temporary folder left by a worker killed mid-run goes with it.)
 */
export async function spawnWorkerProcess(env: Record<string, string>, started: ChildProcess[], readyTimeoutMs = 15_000): Promise<WorkerProcess> {
  let output = '';
  const child = spawn(process.execPath, ['bin/klaxon.js', 'worker'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...(process.env['TMPDIR'] ? { TMPDIR: process.env['TMPDIR'] } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const host = env['WORKER_HOST'] ?? '';
  await eventually(() => output.includes('worker ready') || child.exitCode !== null, `worker ${host} ready`, readyTimeoutMs);
  if (!output.includes('worker ready')) throw new Error(`worker ${host} did not start:\n${output}`);
  return { child, output: () => output };
}
