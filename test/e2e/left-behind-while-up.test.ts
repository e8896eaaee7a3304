// Redis goes away (or refuses a write) between storing an action and queueing its job, and the bots stay up:
// the declaration gets its channel and the run goes to its host once Redis answers again, without any bot
// restarting, and once although two replicas look. The Redis is this file's own, as it is stopped, restarted
// on its data folder and made to refuse writes.
import { setTimeout as pause } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { declare, type DeclareRequest } from '../../src/app/declare.js';
import type { EffectJob, Effects, RunJobData, RunQueue } from '../../src/app/ports.js';
import { SETUP_AFTER_MS } from '../../src/app/finish-declaration.js';
import { requestRun } from '../../src/app/request-run.js';
import { RESUME_AFTER_MS } from '../../src/app/resume-queued-runs.js';
import type { Services } from '../../src/app/services.js';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION } from '../../src/slack/ids.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually, startKlaxon, USERS, type HarnessOptions, type Klaxon } from '../support/klaxon-harness.js';
import { restartableRedis } from '../support/restartable-redis.js';
import { expectRunDoneOnce } from '../support/resumed-run.js';
import { messageWithButton } from '../report/incident-journey.js';
import { catalogue, playbooks } from '../../commands/index.js';

/** Long enough that only Redis coming back can explain a pickup within the test. */
const NEVER_PERIODIC = 600_000;

describe('what a Redis failure cut short while the bots stay up', () => {
  const redis = restartableRedis('redis-bounce');
  // The bots' clock: moved on once an action is cut, so that it is older than a live replica's could be.
  const clock = { skew: 0 };
  const now = () => Date.now() + clock.skew;

  // Two replicas on one Redis; `looked` counts, per replica, the looks it took because Redis answered again.
  const replicas = async (options: { readonly worker?: boolean; readonly resumeEveryMs: number }) => {
    const logs = [captureLogger('info'), captureLogger('info')] as const;
    const a = await startKlaxon({ env: { REDIS_URL: redis.url }, now, resumeEveryMs: options.resumeEveryMs, logger: logs[0].logger, ...(options.worker ? { worker: true } : {}) });
    const b = await startKlaxon({ env: { REDIS_URL: redis.url }, now, resumeEveryMs: options.resumeEveryMs, logger: logs[1].logger, emulator: a.emulator, redisPrefix: a.config.redisPrefix });
    const looked = () => logs.map((log) => log.lines<{ msg: string }>().filter((line) => line.msg === 'Redis answers again: looking for setups or runs left behind').length);
    return { a, b, looked };
  };
  // A failed test may leave Redis away: the bots stop against a Redis that answers, so that what they owe is
  // done. A stop right after Redis came back is what every passing test does.
  const backBeforeStop = async () => {
    if (redis.away) await redis.comeBack();
  };
  const stopAll = async (a: Klaxon, b: Klaxon) => {
    await backBeforeStop();
    await b.stop();
    await a.stop();
  };
  const incidentChannels = (k: Klaxon) => k.emulator.channels().filter((c) => c.name.startsWith('inc-'));
  const announcements = (k: Klaxon, id: string) => k.emulator.messages(k.stakeholders).filter((m: Message) => `${m.text}${JSON.stringify(m.blocks ?? [])}`.includes(id));
  const request = (key: string): DeclareRequest => ({ severity: 'high', title: 'Backtests crash on start', source: 'slack', by: USERS.l1, key });
  // The bot's own services, except that queueing an incident's setup first does `before` to Redis.
  const cutAtSetup = (k: Klaxon, before: () => Promise<unknown>, after: () => Promise<unknown> = async () => undefined): Services => ({
    ...k.bot.services,
    effects: {
      ...k.bot.services.effects,
      enqueue: async (job: EffectJob, jobId?: string) => {
        if (job.name !== 'setup') return k.bot.services.effects.enqueue(job, jobId);
        await before();
        try {
          return await k.bot.services.effects.enqueue(job, jobId);
        } finally {
          await after();
        }
      },
    },
  });

  it('sets up a declaration whose setup Redis went away before, once Redis is back, once across two replicas', { timeout: 60_000 }, async () => {
    clock.skew = 0;
    const { a, b, looked } = await replicas({ resumeEveryMs: NEVER_PERIODIC });
    try {
      await expect(declare(cutAtSetup(a, () => redis.goAway()), request('declare-cut'))).rejects.toThrow();
      clock.skew = SETUP_AFTER_MS + 5_000;
      const backAt = await redis.comeBack();

      const channel = await eventually(() => incidentChannels(a)[0], 'the incident channel, without a restart', 15_000);
      const tookMs = Date.now() - backAt;
      const [incident] = await a.bot.services.store.listOpen();
      if (!incident) throw new Error('the declaration was not kept');
      await eventually(() => announcements(a, incident.id).length > 0, 'the announcement');
      expect((await a.bot.services.store.getLinks(incident.id)).channel).toBe(channel.id);
      // Both replicas looked once Redis answered; the setup's job id is the declaration's, so it ran once.
      await eventually(() => looked().every((n) => n > 0), 'both replicas looking');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(incidentChannels(a)).toHaveLength(1);
      expect(announcements(a, incident.id)).toHaveLength(1);
      expect(tookMs).toBeLessThan(10_000);
    } finally {
      await stopAll(a, b);
    }
  });

  it('runs a run whose host job Redis went away before, once Redis is back, once across two replicas', { timeout: 90_000 }, async () => {
    clock.skew = 0;
    const { a, b, looked } = await replicas({ worker: true, resumeEveryMs: NEVER_PERIODIC });
    try {
      await a.emulator.slashCommand({ userId: USERS.l1, channelId: a.general, text: 'declare critical Backtests crash on start' });
      const channel = (await eventually(() => incidentChannels(a)[0], 'the incident channel')).id;
      const incident = await eventually(async () => (await a.bot.services.store.listOpen())[0], 'the incident');
      const cut: Services = {
        ...a.bot.services,
        runs: {
          ...a.bot.services.runs,
          enqueue: async (run: RunJobData) => {
            await redis.goAway();
            return a.bot.services.runs.enqueue(run);
          },
        },
      };
      await expect(requestRun(cut, { incident, commandId: 'env.python-version', params: {}, by: USERS.l1, key: 'click-cut' })).rejects.toThrow();
      clock.skew = RESUME_AFTER_MS + 5_000;
      const backAt = await redis.comeBack();

      const queued = await eventually(async () => (await a.bot.services.store.timelineAll(incident.id)).find((e) => e.type === 'job_queued'), 'the run as recorded');
      if (queued.type !== 'job_queued') throw new Error('not a run');
      await eventually(async () => (await a.bot.services.store.timelineAll(incident.id)).some((e) => e.type === 'job_started' && e.jobId === queued.jobId), 'the run started, without a restart', 15_000);
      const tookMs = Date.now() - backAt;
      expect(tookMs).toBeLessThan(10_000);
      // Both replicas looked; one of them queued it (the other found it held, then on its host's queue).
      await eventually(() => looked().every((n) => n > 0), 'both replicas looking');
      await expectRunDoneOnce(a, channel, incident.id, queued);
    } finally {
      await stopAll(a, b);
    }
  });

  it('sets up a declaration whose setup Redis refused with the connection up, on the periodic look', { timeout: 60_000 }, async () => {
    clock.skew = 0;
    const { a, b, looked } = await replicas({ resumeEveryMs: 1_000 });
    const admin = new Redis(redis.url);
    try {
      // Out of memory under noeviction: Redis refuses writes and keeps every connection open.
      const full = () => admin.config('SET', 'maxmemory', '1');
      const roomAgain = () => admin.config('SET', 'maxmemory', '0');
      await expect(declare(cutAtSetup(a, full, roomAgain), request('declare-refused'))).rejects.toThrow(/OOM/);
      clock.skew = SETUP_AFTER_MS + 5_000;
      const refusedAt = Date.now();

      await eventually(() => incidentChannels(a)[0], 'the incident channel, without a restart', 15_000);
      const tookMs = Date.now() - refusedAt;
      const [incident] = await a.bot.services.store.listOpen();
      if (!incident) throw new Error('the declaration was not kept');
      await eventually(() => announcements(a, incident.id).length > 0, 'the announcement');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(incidentChannels(a)).toHaveLength(1);
      expect(announcements(a, incident.id)).toHaveLength(1);
      expect(tookMs).toBeLessThan(5_000);
      // No connection was lost: the periodic look found it.
      expect(looked()).toEqual([0, 0]);
    } finally {
      admin.disconnect();
      await stopAll(a, b);
    }
  });

  // The live bot's own port, losing Redis right before it queues a declaration's setup or hands a run to its
  // host: between the record and its job, where no request can choose to fail. Returns the undo.
  const losesRedisAt = (k: Klaxon, step: 'setup' | 'run'): (() => void) => {
    const services = k.bot.services as { effects: Effects; runs: RunQueue };
    const { effects, runs } = services;
    if (step === 'setup') {
      services.effects = { ...effects, enqueue: async (job, jobId) => (job.name === 'setup' ? redis.goAway().then(() => effects.enqueue(job, jobId)) : effects.enqueue(job, jobId)) };
    } else {
      services.runs = { ...runs, enqueue: async (run) => redis.goAway().then(() => runs.enqueue(run)) };
    }
    return () => Object.assign(services, { effects, runs });
  };
  const told = (text: string) => expect(text).not.toMatch(/Something went wrong|try again/i);

  it('tells whoever declared that the declaration stands, and sets it up once Redis is back (command and form)', { timeout: 60_000 }, async () => {
    clock.skew = 0;
    const k = await startKlaxon({ env: { REDIS_URL: redis.url }, now, resumeEveryMs: NEVER_PERIODIC });
    try {
      let undo = losesRedisAt(k, 'setup');
      const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Backtests crash on start' });
      undo();
      const first = /(inc-\d+) is declared, but klaxon lost its database/.exec(answer.body)?.[1];
      expect(first, answer.body).toBeDefined();
      told(answer.body);
      clock.skew += SETUP_AFTER_MS + 5_000;
      await redis.comeBack();
      await eventually(async () => (await k.bot.services.store.getLinks(first as string)).channel, 'the channel of the declaration from the command line', 15_000);

      await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare' });
      const form = await eventually(() => k.emulator.views().find((v) => v.userId === USERS.l1 && v.state === 'open'), 'the declare form');
      undo = losesRedisAt(k, 'setup');
      const submitted = await k.emulator.submitView({
        userId: USERS.l1,
        viewId: form.id,
        values: { declare_title: { value: 'Results folder fills up' }, declare_severity: { value: 'medium' }, declare_description: { value: 'disk at 97% on backtest-1' } },
      });
      undo();
      expect(submitted.status).toBe(200);
      // The form says what happened and offers no second submit; the description was stored with the incident.
      const shown = JSON.stringify(k.emulator.views().find((v) => v.id === form.id)?.view);
      const second = /(inc-\d+) is declared, but klaxon lost its database/.exec(shown)?.[1];
      expect(second, shown).toBeDefined();
      expect(shown).toContain('what you wrote is saved with it');
      expect(JSON.parse(shown)).not.toHaveProperty('submit');
      told(shown);
      clock.skew += SETUP_AFTER_MS + 5_000;
      await redis.comeBack();
      await eventually(async () => (await k.bot.services.store.getLinks(second as string)).channel, 'the channel of the declaration from the form', 15_000);
      expect((await k.bot.services.store.timelineAll(second as string)).find((e) => e.type === 'note')).toMatchObject({ text: 'disk at 97% on backtest-1', by: USERS.l1 });
      expect((await k.bot.services.store.listOpen()).map((i) => i.id).sort()).toEqual([first, second].sort());
      expect(incidentChannels(k)).toHaveLength(2);
    } finally {
      await backBeforeStop();
      await k.stop();
    }
  });

  // A bot with a worker and a declared critical incident with its channel, stopped against a Redis that answers.
  const withIncident = async (test: (k: Klaxon, id: string, channel: string) => Promise<void>, options: Pick<HarnessOptions, 'workspace' | 'socketMode'> = {}) => {
    clock.skew = 0;
    const k = await startKlaxon({ worker: true, env: { REDIS_URL: redis.url }, now, resumeEveryMs: NEVER_PERIODIC, ...options });
    try {
      const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Backtests crash on start' });
      const id = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
      const channel = await eventually(async () => (await k.bot.services.store.getLinks(id))['channel'], 'the incident channel');
      await test(k, id, channel);
    } finally {
      await backBeforeStop();
      await k.stop();
    }
  };

  it('tells whoever asked for a run that it stands, and runs it once Redis is back (command and button)', { timeout: 120_000 }, async () => {
    await withIncident(async (k, id, channel) => {
      await eventually(async () => (await k.bot.services.store.getLinks(id))['playbooks'], 'the playbook offer');
      const queuedRun = async (commandId: string) => {
        const events = await k.bot.services.store.timelineAll(id);
        const found = events.find((e) => e.type === 'job_queued' && e.commandId === commandId);
        return found?.type === 'job_queued' ? found : undefined;
      };

      // What the person was told says the run stands; once Redis is back, it runs, once.
      const standsThenRunsOnce = async (text: string, commandId: string) => {
        expect(text).toMatch(/is recorded as queued, but klaxon lost its database/);
        told(text);
        clock.skew += RESUME_AFTER_MS + 5_000;
        await redis.comeBack();
        await expectRunDoneOnce(k, channel, id, await eventually(() => queuedRun(commandId), `the run of ${commandId}`));
      };

      let undo = losesRedisAt(k, 'run');
      const ran = await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'run env.python-version' });
      undo();
      await standsThenRunsOnce(ran.body, 'env.python-version');

      const offer = await eventually(() => k.emulator.messages(channel).find((m) => JSON.stringify(m.blocks ?? []).includes('playbook_offer')), 'the playbook offer');
      await k.emulator.selectOption({ userId: USERS.l2, channelId: channel, messageTs: offer.ts, actionId: ACTION.playbookSelect, value: 'critical.outage' });
      const steps = await eventually(() => k.emulator.messages(channel, { threadTs: offer.ts }).find((m) => JSON.stringify(m.blocks).includes('env.packages')), 'the playbook steps');
      const button = (steps.blocks as { accessory?: Record<string, unknown> }[]).find((b) => b.accessory?.['action_id'] === ACTION.runCommand && String(b.accessory['value']).includes('"env.packages"'));
      const before = k.emulator.ephemerals(channel, USERS.l2).length;
      undo = losesRedisAt(k, 'run');
      const clicked = await k.emulator.clickButton({ userId: USERS.l2, channelId: channel, messageTs: steps.ts, actionId: ACTION.runCommand, value: String(button?.accessory?.['value']) });
      expect(clicked.status).toBe(200);
      // A click is answered at once; the run is asked for after that, and its answer comes on its own.
      const reply = await eventually(() => k.emulator.ephemerals(channel, USERS.l2)[before], 'the answer to the click', 15_000);
      undo();
      await standsThenRunsOnce(reply.text, 'env.packages');
      expect(k.emulator.ephemerals(channel, USERS.l2).filter((e) => /Something went wrong/.test(e.text))).toEqual([]);
    });
  });

  it('tells whoever clicked Run all which runs stand and which were never asked for, and runs those once Redis is back', { timeout: 120_000 }, async () => {
    await withIncident(async (k, id, channel) => {
      await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'resolve' });
      const offer = await eventually(() => messageWithButton(k, channel, ACTION.runSuite), 'the Run all button');
      const value = String(JSON.stringify(offer.blocks).match(/"action_id":"run_suite","value":"([^"]+)"/)?.[1] ?? '');
      const commands = [...new Set(playbooks.find((p) => p.id === value)?.steps.flatMap((step) => step.commands) ?? [])];
      expect(commands.length).toBeGreaterThan(2);
      // Redis goes away as the third run is being asked for, after two are recorded.
      const services = k.bot.services as { workers: Services['workers'] };
      const { workers } = services;
      let asked = 0;
      services.workers = async () => ((asked += 1) === 3 ? redis.goAway().then(workers) : workers());
      const before = k.emulator.ephemerals(channel, USERS.l2).length;
      const clicked = await k.emulator.clickButton({ userId: USERS.l2, channelId: channel, messageTs: offer.ts, actionId: ACTION.runSuite, value });
      expect(clicked.status).toBe(200);
      const reply = await eventually(() => k.emulator.ephemerals(channel, USERS.l2)[before], 'the answer to the click', 15_000);
      services.workers = workers;
      expect(reply.text).toMatch(/2 runs of Run all are recorded as queued, but klaxon lost its database/);
      told(reply.text);
      const titleOf = (commandId: string) => catalogue.find((c) => c.id === commandId)?.title.en as string;
      for (const commandId of commands.slice(2)) expect(reply.text).toContain(titleOf(commandId));
      expect(reply.text).not.toContain(titleOf(commands[0] as string));

      clock.skew += RESUME_AFTER_MS + 5_000;
      await redis.comeBack();
      const queued = async () => (await k.bot.services.store.timelineAll(id)).flatMap((e) => (e.type === 'job_queued' && commands.includes(e.commandId) ? [e] : []));
      for (const run of (await queued()).slice(0, 2)) await expectRunDoneOnce(k, channel, id, run);
      expect((await queued()).map((e) => e.commandId)).toEqual(commands.slice(0, 2));
    });
  });

  // Slack's schedule is at once, a minute later, five minutes later; here seconds, so the test sees the second.
  it('records a 📌 made while Redis was away once it is back: the event was not taken, and Slack sends it again', { timeout: 60_000 }, async () => {
    await withIncident(
      async (k, id, channel) => {
        const message = k.emulator.postUserMessage({ userId: USERS.l3, channelId: channel, text: 'OOM killer hit the optimizer at 09:41' });
        await redis.goAway();
        const answer = await k.emulator.addReaction({ userId: USERS.l1, channelId: channel, ts: message.ts, name: 'pushpin' });
        // Its listener failed: 500, or Bolt's 404 if the failure took Redis's client longer than Slack's 3 s.
        expect([500, 404]).toContain(answer.status);
        // The first retry comes at once and finds Redis still away; the next one finds it back.
        const pin = k.emulator.eventDeliveries()[0]?.eventId as string;
        const pinDeliveries = () => k.emulator.eventDeliveries().filter((d) => d.eventId === pin);
        await eventually(() => pinDeliveries().length === 2, 'Slack’s first retry');
        // Any other reaction needs no Redis, and is taken: only a 📌 or a Home tab open fails while it is away.
        expect((await k.emulator.addReaction({ userId: USERS.l2, channelId: channel, ts: message.ts, name: 'eyes' })).status).toBe(200);
        await redis.comeBack();
        const pinned = await eventually(async () => (await k.bot.services.store.timelineAll(id)).find((e) => e.type === 'pinned'), 'the pin, from Slack’s retry', 20_000);
        expect(pinned).toMatchObject({ text: 'OOM killer hit the optimizer at 09:41', author: USERS.l3, by: USERS.l1, at: Math.round(Number(message.ts) * 1000) });
        // Slack sends the event until a delivery is answered 200; the later ones find it handled, and add nothing.
        await eventually(() => pinDeliveries().at(-1)?.status === 200, 'a delivery answered 200', 15_000);
        expect(pinDeliveries().slice(0, 2).every((d) => d.status === 500 || d.status === 404)).toBe(true);
        expect((await k.bot.services.store.timelineAll(id)).filter((e) => e.type === 'pinned')).toHaveLength(1);
      },
      { workspace: { eventRetryDelaysMs: [0, 3_000, 6_000] } },
    );
  });

  it('records a 📌 made over Socket Mode while Redis was away once it is back: the envelope was not acknowledged, and Slack sends it again', { timeout: 60_000 }, async () => {
    await withIncident(
      async (k, id, channel) => {
        const message = k.emulator.postUserMessage({ userId: USERS.l3, channelId: channel, text: 'disk full on backtest-1 at 10:02' });
        await redis.goAway();
        const first = k.emulator.addReaction({ userId: USERS.l1, channelId: channel, ts: message.ts, name: 'pushpin' });
        // Unacknowledged, Slack sends it again at 3 s; Redis comes back after that.
        await pause(3_500);
        await redis.comeBack();
        const pinned = await eventually(async () => (await k.bot.services.store.timelineAll(id)).find((e) => e.type === 'pinned'), 'the pin, from Slack’s retry', 20_000);
        expect(pinned).toMatchObject({ text: 'disk full on backtest-1 at 10:02', author: USERS.l3, by: USERS.l1 });
        expect(await first).toMatchObject({ status: 0, body: 'no_ack' });
        await eventually(() => k.emulator.eventDeliveries().some((d) => d.status === 200 && d.retryNum > 0), 'a retry acknowledged', 15_000);
        expect((await k.bot.services.store.timelineAll(id)).filter((e) => e.type === 'pinned')).toHaveLength(1);
      },
      { socketMode: true, workspace: { eventRetryDelaysMs: [0, 3_000, 6_000] } },
    );
  });
});
