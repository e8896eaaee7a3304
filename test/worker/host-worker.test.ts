// The host worker against real Redis and a demo host copy, without Slack: what it emits to the bot's queue,
// what it audits, and what it refuses when it re-checks a job on its own.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { defaultPolicy, type Policy } from '../../src/domain/policy.js';
import { createLogger } from '../../src/logger.js';
import { storeKeys } from '../../src/store/keys.js';
import { createProducers, type Producers, type RunEvent, type RunJobData } from '../../src/queue/queues.js';
import { listWorkers } from '../../src/store/worker-presence.js';
import { createAuditLog } from '../../src/store/audit-log.js';
import { startHostWorker, type HostWorker } from '../../src/worker/host-worker.js';
import { copyDemoHost } from '../../src/worker/run/demo-host.js';

const quiet = createLogger({ level: 'silent', pretty: false });
const usersPolicy: Policy = {
  ...defaultPolicy,
  roles: { mutating: [{ user: 'U0L1OPS' }, { user: 'U0L2SYS' }], destructive: [{ user: 'U0L2SYS' }], approvers: [{ user: 'U0L3DEV' }] },
};
const groupsPolicy: Policy = { ...defaultPolicy, roles: { mutating: [], destructive: [{ usergroup: 'S0L2' }], approvers: [{ usergroup: 'S0L3' }] } };

describe('host worker', () => {
  let redis: Redis;
  let producers: Producers;
  let prefix: string;
  let root: string;
  const workers: HostWorker[] = [];
  const connections: Redis[] = [];

  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    root = await copyDemoHost(join(await mkdtemp(join(tmpdir(), 'klaxon-hw-')), 'host'));
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close(1000)));
    await producers?.close();
  });
  afterAll(() => {
    for (const connection of connections) connection.disconnect();
    redis.disconnect();
  });

  async function start(options: { host?: string; policy?: Policy; samePrefix?: boolean } = {}): Promise<HostWorker> {
    if (!options.samePrefix) {
      prefix = `hw${randomUUID().slice(0, 8)}`;
      producers = createProducers(redis, prefix);
    }
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    connections.push(connection);
    const worker = await startHostWorker({
      connection,
      redis,
      producers,
      prefix,
      host: options.host ?? 'h1',
      concurrency: 2,
      root,
      python: 'python3',
      hostEnv: process.env,
      catalogue,
      logger: quiet,
      heartbeatMs: 200,
      ...(options.policy ? { policy: options.policy } : {}),
    });
    workers.push(worker);
    return worker;
  }

  const run = (commandId: string, extra: Partial<RunJobData> = {}): RunJobData => ({
    runId: `run-${randomUUID().slice(0, 8)}`,
    incidentId: 'inc-1',
    commandId,
    params: {},
    host: 'h1',
    requestedBy: 'U0L2SYS',
    severity: 'critical',
    ...extra,
  });

  async function eventsOf(runId: string): Promise<RunEvent[]> {
    const jobs = await producers.slack.getJobs(['wait', 'delayed', 'active', 'completed']);
    return jobs.map((j) => j.data as RunEvent).filter((e) => e.run.runId === runId).sort((a, b) => a.at - b.at);
  }

  async function until(runId: string, kinds: readonly RunEvent['kind'][]): Promise<RunEvent[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const events = await eventsOf(runId);
      if (events.some((e) => kinds.includes(e.kind))) return events;
      if (Date.now() > deadline) throw new Error(`no ${kinds.join('/')} event for ${runId}: saw ${events.map((e) => e.kind).join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const auditOf = async (runId: string) => (await createAuditLog(redis, { prefix }).read({ count: 1000 })).filter((e) => e.requestId === runId);

  it('runs a read-only command and reports started, finished with artifacts, and an audited result', async () => {
    await start();
    const job = run('logs.collect', { requestedBy: 'U0L1OPS' });
    await producers.runs.enqueue(job);
    const events = await until(job.runId, ['finished']);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['started', 'finished']));
    const finished = events.find((e) => e.kind === 'finished');
    if (finished?.kind !== 'finished') throw new Error('unreachable');
    expect(finished.result.outcome).toBe('succeeded');
    expect(finished.artifacts.map((a) => a.name)).toEqual(expect.arrayContaining(['logs.collect-output.txt', expect.stringMatching(/manifest/)]));
    for (const artifact of finished.artifacts) expect(await redis.exists(artifact.key)).toBe(1);
    const audit = await auditOf(job.runId);
    expect(audit.map((a) => a.decision)).toEqual(['started', 'succeeded']);
    expect(audit[1]).toMatchObject({ actor: 'U0L1OPS', action: 'execute', commandId: 'logs.collect', host: 'h1', incidentId: 'inc-1' });
    expect(audit[1]?.paramsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(audit[1]?.detail).toContain(finished.result.outputDigest);
  });

  it('redacts the files it hands to the bot, not only the output', async () => {
    await start();
    const canary = 'xoxb-111111111-222222222-CANARYcanaryCANARY';
    await appendFile(join(root, 'logs', 'main.log'), `2026-01-15 10:00:00 ERROR leaked ${canary}\n-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n`);
    const job = run('logs.collect');
    await producers.runs.enqueue(job);
    const events = await until(job.runId, ['finished']);
    const finished = events.find((e) => e.kind === 'finished');
    if (finished?.kind !== 'finished') throw new Error('unreachable');
    const bundled = finished.artifacts.filter((a) => a.name.endsWith('main.log'));
    expect(bundled.length).toBeGreaterThan(0);
    for (const artifact of finished.artifacts) {
      const content = (await redis.getBuffer(artifact.key))?.toString('utf8') ?? '';
      expect(content).not.toContain('CANARYcanary');
      expect(content).not.toContain('MIIBOgIBAAJBAKj34');
    }
    const main = (await redis.getBuffer(bundled[0]?.key ?? ''))?.toString('utf8') ?? '';
    expect(main).toContain('xoxb-[REDACTED]');
  });

  it('refuses a destructive job from a user outside a user-id role list, once and audited', async () => {
    await start({ policy: usersPolicy });
    const job = run('cleanup.temp', { requestedBy: 'U0L1OPS' });
    await producers.runs.enqueue(job);
    const events = await until(job.runId, ['refused']);
    expect(events.map((e) => e.kind)).toEqual(['refused']);
    expect(events[0]).toMatchObject({ reason: 'U0L1OPS does not hold the destructive role' });
    expect(await redis.exists(storeKeys(prefix).runStarted(job.runId))).toBe(0);
    const failed = await producers.host('h1').getJob(job.runId);
    expect(failed?.attemptsMade).toBe(1);
    expect((await auditOf(job.runId)).map((a) => [a.decision, a.actor, a.host])).toEqual([['refused', 'U0L1OPS', 'h1']]);
    expect((await readdir(join(root, 'cache'))).length).toBeGreaterThan(0);
  });

  it('lets the bot decide group roles it cannot see, but still checks approvals by id', async () => {
    await start({ policy: groupsPolicy });
    const allowed = run('env.python-version', { requestedBy: 'U0ANYONE' });
    const selfApproved = run('config.restore', { requestedBy: 'U0L2SYS', approvedBy: 'U0L2SYS' });
    const unapproved = run('process.stop-python', { requestedBy: 'U0L2SYS' });
    for (const job of [allowed, selfApproved, unapproved]) await producers.runs.enqueue(job);
    expect((await until(allowed.runId, ['finished'])).at(-1)?.kind).toBe('finished');
    expect((await until(selfApproved.runId, ['refused']))[0]).toMatchObject({ reason: 'self-approval is not allowed' });
    expect((await until(unapproved.runId, ['refused']))[0]).toMatchObject({ reason: 'needs the approval of a second person' });
  });

  it('refuses an approval by someone outside a user-id approver list', async () => {
    await start({ policy: usersPolicy });
    const job = run('config.restore', { requestedBy: 'U0L2SYS', approvedBy: 'U0L1OPS' });
    await producers.runs.enqueue(job);
    expect((await until(job.runId, ['refused']))[0]).toMatchObject({ reason: 'U0L1OPS is not an approver' });
  });

  it('does not run a non-read-only job a second time: it reports the outcome as unknown', async () => {
    await start({ policy: usersPolicy });
    const job = run('cleanup.temp');
    await redis.set(storeKeys(prefix).runStarted(job.runId), String(Date.now()));
    const before = await readdir(join(root, 'cache'));
    await producers.runs.enqueue(job);
    const events = await until(job.runId, ['unknown']);
    expect(events.map((e) => e.kind)).toEqual(['unknown']);
    expect(await readdir(join(root, 'cache'))).toEqual(before);
    expect((await auditOf(job.runId)).map((a) => a.decision)).toEqual(['outcome_unknown']);
  });

  it('refuses a job queued for another host', async () => {
    await start({ host: 'h1' });
    const job = run('env.python-version', { host: 'h2' });
    await producers.host('h1').add('run', job, { jobId: job.runId });
    expect((await until(job.runId, ['refused']))[0]).toMatchObject({ reason: 'queued for h2, not this host (h1)' });
  });

  it('announces itself with a heartbeat and disappears on close', async () => {
    const worker = await start({ host: 'hb-host' });
    expect(await listWorkers(redis, prefix)).toEqual([expect.objectContaining({ host: 'hb-host', online: true, pid: process.pid, concurrency: 2 })]);
    await worker.close(1000);
    workers.splice(workers.indexOf(worker), 1);
    expect(await listWorkers(redis, prefix)).toEqual([{ host: 'hb-host', online: false }]);
  });

  it('keeps a host online while another of its workers lives, when one of them stops', async () => {
    const first = await start({ host: 'pair-host' });
    const second = await start({ host: 'pair-host', samePrefix: true });
    await first.close(1000);
    workers.splice(workers.indexOf(first), 1);
    expect(await listWorkers(redis, prefix)).toEqual([expect.objectContaining({ host: 'pair-host', online: true })]);
    await second.close(1000);
    workers.splice(workers.indexOf(second), 1);
    expect(await listWorkers(redis, prefix)).toEqual([{ host: 'pair-host', online: false }]);
  });
});
