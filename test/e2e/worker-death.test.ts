// kill -9 of `klaxon worker` in the middle of a command: the command's whole process tree (a child that
// ignores SIGTERM included) is stopped by its supervisor, nothing of it runs on unsupervised, and after a
// restart the thread says what happened.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declare } from '../../src/app/declare.js';
import { decideApproval, requestRun } from '../../src/app/request-run.js';
import { copyDemoHost } from '../../src/worker/run/demo-host.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { spawnWorkerProcess } from '../support/worker-process.js';

/** The live (not zombie) processes of a process group, read from /proc. */
async function groupMembers(pgid: number): Promise<number[]> {
  const live: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') live.push(Number(name));
  }
  return live;
}

const pgidOf = async (pid: number): Promise<number> => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
};

// Process groups, /proc and the /bin/sh supervisor exist only on POSIX hosts; on Windows the worker stops a
// tree with taskkill (kill-plan.ts, tested through an injected platform). CI runs on Linux, so this always runs.
describe.skipIf(process.platform === 'win32')('kill -9 of the worker in the middle of a command', () => {
  let k: Klaxon;
  let scratch: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    k = await startKlaxon();
    scratch = await mkdtemp(join(tmpdir(), 'klaxon-death-'));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await k?.stop();
  });

  const spawnWorker = async (root: string, python: string): Promise<ChildProcess> =>
    (
      await spawnWorkerProcess(
        { REDIS_URL: k.config.redisUrl ?? '', KLAXON_REDIS_PREFIX: k.config.redisPrefix, BACKTEST_ROOT: root, BACKTEST_PYTHON: python, WORKER_HOST: 'backtest-1', WORKER_LOCK_MS: '1000', LOG_FORMAT: 'json' },
        children,
        30_000,
      )
    ).child;

  it('stops the command and everything it started, and the thread says so', { timeout: 120_000 }, async () => {
    const root = await copyDemoHost(join(scratch, 'backtest'));
    // A main.py run that starts a helper; both ignore SIGTERM, so only the SIGKILL after the grace ends them.
    const python = join(scratch, 'mutating-python');
    await writeFile(python, `#!/bin/sh\ntrap '' TERM\nsh -c 'trap "" TERM; echo $$ >> "${python}.pids"; exec sleep 300' &\necho $$ >> "${python}.pids"\nwhile :; do sleep 1; done\n`);
    await chmod(python, 0o755);
    const worker = await spawnWorker(root, python);
    const declared = await declare(k.bot.services, { severity: 'critical', title: 'Worker dies mid-run', source: 'slack', by: USERS.l1, key: randomUUID() });
    if (!declared.ok) throw new Error(declared.error.message);
    const channel = await eventually(async () => (await k.bot.services.store.getLinks(declared.value.id))['channel'], 'the channel');
    const requested = await requestRun(k.bot.services, { incident: declared.value, commandId: 'run.safe-mode', params: {}, by: USERS.l2, key: randomUUID() });
    if (!requested.ok) throw new Error(JSON.stringify(requested.error));
    if (requested.value.state === 'needs_approval') expect((await decideApproval(k.bot.services, { runId: requested.value.run.runId, incidentId: declared.value.id, by: USERS.l3, approve: true })).ok).toBe(true);

    const pids = await eventually(async () => {
      const lines = (await readFile(`${python}.pids`, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map(Number);
      return lines.length === 2 ? lines : undefined;
    }, 'the command and its helper running', 30_000);
    const group = await pgidOf(pids[0] as number);
    expect(await pgidOf(pids[1] as number)).toBe(group);
    expect((await groupMembers(group)).length).toBeGreaterThanOrEqual(2);

    worker.kill('SIGKILL');
    // The supervisor sees its pipe close at once and kills the group after the 2 s grace; the bound is loose.
    const stoppedAfter = Date.now();
    await eventually(async () => ((await groupMembers(group)).length === 0 ? true : undefined), 'no process of the command left', 15_000);
    console.log(`command group gone ${Date.now() - stoppedAfter} ms after kill -9 of the worker`);

    await spawnWorker(root, python);
    const unknown = await eventually(
      () => k.emulator.messages(channel).find((m) => m.text.includes('Outcome unknown') && m.text.includes('run.safe-mode') || JSON.stringify(m.blocks ?? []).includes('every process it started were stopped')),
      'the thread saying what happened',
      30_000,
    );
    expect(JSON.stringify(unknown.blocks ?? [])).toContain('every process it started were stopped');
  });
});
