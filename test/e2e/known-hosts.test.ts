// A run is for a host some worker serves. A host no worker has ever served (a typo in host=, a bot whose
// WORKER_HOST names no worker) is refused at once, naming the hosts that have workers; a known host whose
// workers are all gone right now still takes the run (a worker restarting must not lose it), and the answer
// says it waits. The real bot, `/incident run` through the emulator, and a real `klaxon worker` process.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declare } from '../../src/app/declare.js';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION } from '../../src/slack/ids.js';
import { copyDemoHost } from '../../src/worker/run/demo-host.js';
import { messageWithButton } from '../report/incident-journey.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { spawnWorkerProcess } from '../support/worker-process.js';

const textOf = (m: Message | undefined): string => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;

describe('runs for hosts with and without workers', () => {
  let k: Klaxon;
  let root: string;
  const children: ChildProcess[] = [];
  // The bot's own host (WORKER_HOST, the default of an incident) has never had a worker; backtest-2 has one.
  let onDefault: string;
  let onTwo: string;

  const spawnWorker = () =>
    spawnWorkerProcess({ REDIS_URL: k.config.redisUrl ?? '', KLAXON_REDIS_PREFIX: k.config.redisPrefix, BACKTEST_ROOT: root, WORKER_HOST: 'backtest-2', WORKER_LOCK_MS: '1000' }, children);

  async function channelOf(title: string, host?: string): Promise<string> {
    const declared = await declare(k.bot.services, { severity: 'critical', title, source: 'slack', by: USERS.l1, key: randomUUID(), ...(host ? { host } : {}) });
    if (!declared.ok) throw new Error(declared.error.message);
    const { id } = declared.value;
    return eventually(async () => (await k.bot.services.store.getLinks(id))['checklist'] && (await k.bot.services.store.getLinks(id))['channel'], `${title} channel`);
  }

  beforeAll(async () => {
    k = await startKlaxon({ workerHostsSeen: [] });
    root = await copyDemoHost(join(await mkdtemp(join(tmpdir(), 'klaxon-known-hosts-')), 'backtest'));
    await spawnWorker();
    onDefault = await channelOf('Default host has no worker');
    onTwo = await channelOf('Host two', 'backtest-2');
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await k?.stop();
  });

  const run = async (channel: string, text: string) => (await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: `run ${text}` })).body;
  const jobsOn = async (host: string) => (await k.bot.producers.host(host).getJobs(['wait', 'active', 'completed', 'failed', 'delayed'])).length;
  const approvalRequests = (channel: string) => k.emulator.messages(channel).filter((m) => textOf(m).includes('approval_actions')).length;

  it.each([
    { what: 'a typo in host=', channel: () => onTwo, text: 'env.python-version host=backtset-02', host: 'backtset-02' },
    { what: 'the default host, which no worker serves', channel: () => onDefault, text: 'env.python-version', host: 'backtest-1' },
    { what: 'an approval-gated run for a typo', channel: () => onTwo, text: 'config.restore host=backtset-02', host: 'backtset-02' },
  ])('refuses $what at once, naming the hosts that have workers', async ({ channel, text, host }) => {
    const answer = await run(channel(), text);
    expect(answer).toContain(`No worker has ever served \`${host}\``);
    expect(answer).toContain('Hosts with workers: `backtest-2`.');
    expect(await jobsOn(host)).toBe(0);
    expect(approvalRequests(channel())).toBe(0);
    const refused = (await k.bot.services.audit.read({ count: 10_000 })).filter((a) => a.host === host && a.decision === 'refused');
    expect(refused.at(-1)).toMatchObject({ actor: USERS.l2, action: 'run', detail: `no worker has served ${host} (hosts with workers: backtest-2)` });
  });

  it('queues a run for a served host as before, and says nothing of workers', async () => {
    const answer = await run(onTwo, 'env.python-version');
    expect(answer).toContain('Queued');
    expect(answer).not.toContain('No worker');
    await eventually(() => k.emulator.messages(onTwo).find((m) => textOf(m).includes('`env.python-version`') && /Succeeded/.test(m.text)), 'the run done');
  });

  it('keeps a run for a known host whose worker is away, says it waits, and runs it when a worker is back', async () => {
    const [worker] = children;
    worker?.kill('SIGTERM');
    await eventually(() => worker?.exitCode !== null, 'the worker stopped');
    await eventually(async () => (await k.bot.services.workers()).some((w) => w.host === 'backtest-2' && !w.online), 'backtest-2 offline');

    const answer = await run(onTwo, 'env.packages');
    expect(answer).toContain('Queued');
    expect(answer).toContain('No worker is connected on backtest-2 now: the run waits for one.');
    const gated = await run(onTwo, 'config.restore');
    expect(gated).toContain("needs a second person's approval");
    expect(gated).toContain('No worker is connected on backtest-2 now');
    // The approver is told too: approving starts nothing until a worker is back.
    const request = await eventually(() => k.emulator.messages(onTwo).find((m) => textOf(m).includes('approval_actions') && textOf(m).includes('config.restore')), 'the approval request');
    const runId = String((request.blocks as { block_id?: string; elements?: { value?: string }[] }[]).find((b) => b.block_id === 'approval_actions')?.elements?.[0]?.value);
    k.emulator.channel(onTwo)?.members.push(USERS.l3);
    await k.emulator.clickButton({ userId: USERS.l3, channelId: onTwo, messageTs: request.ts, actionId: 'approval_approve', value: runId });
    await eventually(() => k.emulator.ephemerals(onTwo, USERS.l3).find((e) => e.text.includes('No worker is connected on backtest-2 now: the run waits for one.')), 'the approver told the run waits');

    // "Run all" answers no click of its own when it starts, so the clicker is told the runs wait.
    await k.emulator.slashCommand({ userId: USERS.l2, channelId: onTwo, text: 'resolve' });
    const offer = await eventually(() => messageWithButton(k, onTwo, ACTION.runSuite), 'the Run all button');
    const suite = String(JSON.stringify(offer.blocks).match(/"action_id":"run_suite","value":"([^"]+)"/)?.[1] ?? '');
    const told = k.emulator.ephemerals(onTwo, USERS.l2).length;
    await k.emulator.clickButton({ userId: USERS.l2, channelId: onTwo, messageTs: offer.ts, actionId: ACTION.runSuite, value: suite });
    await eventually(() => k.emulator.ephemerals(onTwo, USERS.l2).slice(told).find((e) => e.text.includes('No worker is connected on backtest-2 now: the run waits for one.')), 'the Run all clicker told the runs wait');

    await spawnWorker();
    await eventually(() => k.emulator.messages(onTwo).find((m) => textOf(m).includes('`env.packages`') && /Succeeded/.test(m.text)), 'the waiting run done', 30_000);
    await eventually(() => k.emulator.messages(onTwo).find((m) => textOf(m).includes('`config.restore`') && /Succeeded/.test(m.text)), 'the approved run done', 30_000);
  });
});
