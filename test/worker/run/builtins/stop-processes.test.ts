import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { findCommand } from '../../../../commands/index.js';
import { runCommand } from '../../../../src/worker/run/run-command.js';
import { context, demoHost, PYTHON, tempDir } from '../fixtures.js';

const stop = findCommand('process.stop-python');
if (!stop) throw new Error('process.stop-python missing');

const isPython = async (pid: number | undefined): Promise<boolean> =>
  (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).startsWith('python');

describe('stop-processes', () => {
  it('stops the python processes of this root (SIGKILL for one that ignores SIGTERM) and spares others', async () => {
    const root = await demoHost('stop');
    const elsewhere = await tempDir('stop-elsewhere');
    const polite = execa(PYTHON, ['-c', 'import time; time.sleep(60)'], { cwd: root, reject: false });
    const stubborn = execa(PYTHON, ['-c', 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)'], { cwd: root, reject: false });
    const bystander = execa(PYTHON, ['-c', 'import time; time.sleep(60)'], { cwd: elsewhere, reject: false });
    // A busy machine (or a version-manager shim in front of python) can take a while to exec the real interpreter.
    for (const child of [polite, stubborn, bystander]) {
      for (let waited = 0; !(await isPython(child.pid)); waited += 50) {
        if (waited > 20_000) throw new Error(`pid ${child.pid} never became a python process`);
        await sleep(50);
      }
    }
    await sleep(300); // and for the stubborn one to install its SIGTERM handler
    const spec = { ...stop, action: { kind: 'builtin', builtin: 'stop-processes', options: { name: 'python', graceMs: 800 } } } as const;
    const result = await runCommand(spec, {}, context(root));
    expect(result.outcome, result.output).toBe('succeeded');
    const [politeEnd, stubbornEnd] = await Promise.all([polite, stubborn]);
    expect(politeEnd.signal).toBe('SIGTERM');
    expect(stubbornEnd.signal).toBe('SIGKILL');
    expect(result.output).toContain(`pid ${polite.pid} stopped`);
    expect(result.output).toContain(`pid ${stubborn.pid} did not stop within 800 ms: SIGKILL sent`);
    expect(result.output).not.toContain(`pid ${bystander.pid}`);
    expect(bystander.exitCode).toBeNull();
    bystander.kill('SIGKILL');
    await bystander;
  });
});
