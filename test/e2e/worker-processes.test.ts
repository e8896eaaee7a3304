// `klaxon worker` as real child processes next to the real bot: host routing, canary secrets, and kill -9
// in the middle of a job (a read-only job completes after a restart, a destructive one is "outcome unknown").
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { declare } from '../../src/app/declare.js';
import { decideApproval, requestRun } from '../../src/app/request-run.js';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { copyDemoHost } from '../../src/worker/run/demo-host.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { spawnWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const textOf = (m: Message | undefined): string => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
const CANARY = { token: 'xoxb-2222222222-CANARYTOKEN-abcdef', password: 'CanaryPass123', pemBody: 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu', env: 'xoxb-3333333333-ENVCANARY-abcdef' };
const CANARY_PARTS = ['CANARYTOKEN', CANARY.password, CANARY.pemBody, 'ENVCANARY'];


describe('klaxon worker processes', () => {
  let k: Klaxon;
  let root: string;
  let scratch: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    k = await startKlaxon();
    scratch = await mkdtemp(join(tmpdir(), 'klaxon-workers-'));
    root = await copyDemoHost(join(scratch, 'backtest'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  afterAll(async () => k?.stop());

  const spawnWorker = (host: string, env: Record<string, string> = {}): Promise<WorkerProcess> =>
    spawnWorkerProcess(
      {
        REDIS_URL: k.config.redisUrl ?? '',
        KLAXON_REDIS_PREFIX: k.config.redisPrefix,
        BACKTEST_ROOT: root,
        WORKER_HOST: host,
        WORKER_LOCK_MS: '1000',
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        SLACK_BOT_TOKEN: CANARY.env,
        ...env,
      },
      children,
    );

  async function incident(title: string, host?: string) {
    const declared = await declare(k.bot.services, { severity: 'critical', title, source: 'slack', by: USERS.l1, key: randomUUID(), ...(host ? { host } : {}) });
    if (!declared.ok) throw new Error(declared.error.message);
    const channel = await eventually(async () => (await k.bot.services.store.getLinks(declared.value.id))['checklist'] && (await k.bot.services.store.getLinks(declared.value.id))['channel'], `${title} channel`);
    return { incident: declared.value, channel };
  }

  const runRoot = (channel: string, commandId: string, state: RegExp, timeoutMs = 20_000) =>
    eventually(() => k.emulator.messages(channel).find((m) => textOf(m).includes(`\`${commandId}\``) && state.test(m.text)), `${commandId}: ${state}`, timeoutMs);

  /** The result posted in the run's thread (the root message carries only the outcome). */
  const resultOf = (channel: string, root: { ts: string }) =>
    eventually(() => k.emulator.messages(channel, { threadTs: root.ts }).find((m) => m.ts !== root.ts && textOf(m).includes('Exit code')), 'the result in the thread');

  const audit = async (runId: string) => (await k.bot.services.audit.read({ count: 10_000 })).filter((a) => a.requestId === runId);

  it('routes each job to the worker of the incident host, and only there', async () => {
    const one = await spawnWorker('backtest-1');
    const two = await spawnWorker('backtest-2');
    const first = await incident('Host one down');
    const second = await incident('Host two down', 'backtest-2');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: first.channel, text: 'run env.python-version' });
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: second.channel, text: 'run env.python-version' });
    expect(textOf(await runRoot(first.channel, 'env.python-version', /Succeeded/))).toContain('on backtest-1');
    expect(textOf(await runRoot(second.channel, 'env.python-version', /Succeeded/))).toContain('on backtest-2');
    const entries = (await k.bot.services.audit.read({ count: 10_000 })).filter((a) => a.action === 'execute' && a.decision === 'succeeded');
    const hostOf = (incidentId: string) => entries.filter((a) => a.incidentId === incidentId).map((a) => a.host);
    expect(hostOf(first.incident.id)).toEqual(['backtest-1']);
    expect(hostOf(second.incident.id)).toEqual(['backtest-2']);
    expect(one.output()).toContain(first.incident.id);
    expect(one.output()).not.toContain(second.incident.id);
    expect(two.output()).toContain(second.incident.id);
    expect(two.output()).not.toContain(first.incident.id);
  });

  it('re-checks roles from KLAXON_POLICY: a job the bot allowed through a group is refused by user id', async () => {
    const policy = join(scratch, 'policy.json');
    await writeFile(policy, JSON.stringify({ roles: { destructive: [USERS.l2], approvers: [USERS.l3] } }));
    await spawnWorker('backtest-1', { KLAXON_POLICY: policy });
    const { incident: declared, channel } = await incident('Cleanup by a developer');
    const answer = await k.emulator.slashCommand({ userId: USERS.l3, channelId: channel, text: 'run cleanup.temp' });
    expect(answer.body).toContain('Queued');
    const refused = await runRoot(channel, 'cleanup.temp', /Refused/);
    expect(textOf(refused)).toContain('U0L3DEV does not hold the destructive role');
    const entries = (await k.bot.services.audit.read({ count: 10_000 })).filter((a) => a.incidentId === declared.id && a.commandId === 'cleanup.temp');
    expect(entries.map((a) => `${a.action}:${a.decision}`)).toEqual(['run:queued', 'execute:refused']);
    expect(await readdir(join(root, 'cache'))).not.toEqual([]);
  });

  it('refuses to start with a broken policy file and says why', async () => {
    const policy = join(scratch, 'broken.json');
    await writeFile(policy, JSON.stringify({ roles: { destructive: ['not-a-user'] } }));
    const child = spawn(process.execPath, ['bin/klaxon.js', 'worker'], {
      env: { PATH: process.env['PATH'] ?? '', REDIS_URL: k.config.redisUrl ?? '', KLAXON_REDIS_PREFIX: k.config.redisPrefix, BACKTEST_ROOT: root, KLAXON_POLICY: policy },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('roles.destructive.0');
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('keeps canary secrets out of Slack, Redis and the logs', async () => {
    const worker = await spawnWorker('backtest-1');
    const leak = `ERROR upstream said token ${CANARY.token} password=${CANARY.password}\n-----BEGIN RSA PRIVATE KEY-----\n${CANARY.pemBody}\n-----END RSA PRIVATE KEY-----\n`;
    const today = new Date().toISOString().slice(0, 10);
    await appendFile(join(root, 'logs', 'errors.log'), `${today} 09:00:00 ${leak}`);
    await appendFile(join(root, 'logs', 'main.log'), `${today} 09:00:00 ${leak}`);
    const { channel } = await incident('Secrets in logs');
    for (const command of ['logs.tail-errors', 'logs.collect']) await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: `run ${command}` });
    const tail = await runRoot(channel, 'logs.tail-errors', /Succeeded/);
    await runRoot(channel, 'logs.collect', /Succeeded/);
    expect(textOf(await resultOf(channel, tail))).toContain('xoxb-[REDACTED]');
    await eventually(() => k.emulator.files().filter((f) => f.channels.includes(channel)).length >= 6, 'every file uploaded');

    const slack = [JSON.stringify(k.emulator.calls()), ...k.emulator.files().map((f) => f.content?.toString('utf8') ?? '')].join('\n');
    const redis = new Redis(k.config.redisUrl ?? '');
    let stored = '';
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'COUNT', '1000');
        cursor = next;
        for (const key of keys) stored += `${key}\n${await dump(redis, key)}\n`;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    expect(stored).toContain(k.config.redisPrefix);
    expect(stored).toContain('xoxb-[REDACTED]');
    for (const part of CANARY_PARTS) {
      expect(slack, `Slack saw ${part}`).not.toContain(part);
      expect(stored, `Redis holds ${part}`).not.toContain(part);
      expect(worker.output(), `the worker log has ${part}`).not.toContain(part);
    }
  });

  it('kill -9 mid-job: a read-only job runs again and completes after a restart', async () => {
    // A python that sleeps the first time it is started: the job is still running when the worker dies.
    const python = join(scratch, 'slow-python');
    await writeFile(python, `#!/bin/sh\nif [ ! -e "$0.slept" ]; then : > "$0.slept"; sleep 20; fi\nexec python3 "$@"\n`);
    await chmod(python, 0o755);
    const first = await spawnWorker('backtest-1', { BACKTEST_PYTHON: python });
    const { incident: declared, channel } = await incident('Worker dies');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'run env.python-version' });
    const started = await eventually(async () => (await k.bot.services.audit.read({ count: 10_000 })).find((a) => a.incidentId === declared.id && a.decision === 'started'), 'the job started');
    await eventually(() => existsSync(`${python}.slept`), 'the command running');
    first.child.kill('SIGKILL');

    await spawnWorker('backtest-1', { BACKTEST_PYTHON: python });
    const result = await runRoot(channel, 'env.python-version', /Succeeded/);
    expect(textOf(await resultOf(channel, result))).toMatch(/Python 3\.\d+/);
    expect((await audit(started.requestId)).filter((a) => a.action === 'execute').map((a) => a.decision)).toEqual(['started', 'restarted', 'succeeded']);
    const timeline = await eventually(async () => {
      const events = await k.bot.services.store.timelineAll(declared.id);
      return events.some((e) => e.type === 'job_finished') ? events : undefined;
    }, 'job_finished on the timeline');
    expect(timeline.filter((e) => e.type === 'job_started')).toHaveLength(2);
    expect(timeline.filter((e) => e.type === 'job_finished')).toEqual([expect.objectContaining({ outcome: 'succeeded', exitCode: 0 })]);
  });

  it('a job whose workers keep dying is given up and reported as outcome unknown, not left hanging', async () => {
    const python = join(scratch, 'stuck-python');
    await writeFile(python, `#!/bin/sh\n: > "$0.started-$$"\nsleep 30\n`);
    await chmod(python, 0o755);
    const { incident: declared, channel } = await incident('Worker keeps dying');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'run env.python-version' });
    const starts = async () => (await readdir(scratch)).filter((name) => name.startsWith('stuck-python.started-')).length;
    for (const attempt of [1, 2]) {
      const worker = await spawnWorker('backtest-1', { BACKTEST_PYTHON: python });
      await eventually(async () => (await starts()) >= attempt, `start ${attempt} running`, 15_000);
      worker.child.kill('SIGKILL');
    }
    await spawnWorker('backtest-1', { BACKTEST_PYTHON: python });
    await runRoot(channel, 'env.python-version', /Outcome unknown/);
    expect(await starts()).toBe(2);
    const runId = (await k.bot.services.audit.read({ count: 10_000 })).find((a) => a.incidentId === declared.id && a.decision === 'started')?.requestId ?? '';
    expect((await audit(runId)).filter((a) => a.action === 'execute').map((a) => a.decision)).toEqual(['started', 'restarted', 'outcome_unknown']);
  });

  it('kill -9 mid-job: a destructive job is reported as outcome unknown and not re-run', async () => {
    // A backtest process that ignores SIGTERM keeps process.stop-python in its 5 s grace period.
    const stubborn = spawn('python3', ['-c', "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(120)"], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(stubborn);
    await new Promise((resolve) => stubborn.stdout?.once('data', resolve));
    const first = await spawnWorker('backtest-1');
    const { incident: declared, channel } = await incident('Runaway processes');
    const requested = await requestRun(k.bot.services, { incident: declared, commandId: 'process.stop-python', params: {}, by: USERS.l2, key: randomUUID() });
    if (!requested.ok || requested.value.state !== 'needs_approval') throw new Error(`unexpected ${JSON.stringify(requested)}`);
    const { runId } = requested.value.run;
    expect((await decideApproval(k.bot.services, { runId, incidentId: declared.id, by: USERS.l3, approve: true })).ok).toBe(true);
    await eventually(async () => (await audit(runId)).some((a) => a.decision === 'started'), 'the job started');
    first.child.kill('SIGKILL');

    await spawnWorker('backtest-1');
    const unknown = await runRoot(channel, 'process.stop-python', /Outcome unknown/);
    expect(textOf(unknown)).toContain('will not run it again by itself');
    // Longer than the builtin's grace period: a re-run would have killed the stubborn process by now.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(stubborn.exitCode).toBeNull();
    expect(stubborn.signalCode).toBeNull();
    expect((await audit(runId)).filter((a) => a.action === 'execute').map((a) => a.decision)).toEqual(['started', 'outcome_unknown']);
    const finished = await eventually(async () => {
      const events = (await k.bot.services.store.timelineAll(declared.id)).filter((e) => e.type === 'job_finished');
      return events.length > 0 ? events : undefined;
    }, 'job_finished on the timeline');
    expect(finished).toEqual([expect.objectContaining({ jobId: runId, outcome: 'unknown' })]);
  });
});

async function dump(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.getBuffer(key))?.toString('utf8') ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, '0', '-1'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
