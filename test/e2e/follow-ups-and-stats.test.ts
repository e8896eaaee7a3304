// Follow-ups and response metrics end to end: signed slash commands and clicks through the emulator into the
// real bot, Redis and its clock processor, then the built `klaxon` binary reading the same Redis.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reminderAt } from '../../src/domain/follow-up-items.js';
import type { Incident } from '../../src/domain/incident.js';
import { addNote } from '../../src/domain/incident-records.js';
import { closeIncident, declareIncident, resolveIncident, type TransitionResult } from '../../src/domain/lifecycle.js';
import type { MetricsRow } from '../../src/domain/response-metrics.js';
import { ACTION } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const run = promisify(execFile);
const MINUTE = 60_000;
const DUE = '2030-01-15';

async function declareIn(k: Klaxon, text: string): Promise<{ id: string; channel: string }> {
  const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: `declare ${text}` });
  const id = /(inc-\d+) declared/.exec(answer.body)?.[1];
  if (!id) throw new Error(`not declared: ${answer.body}`);
  const channel = await eventually(async () => (await k.bot.services.store.getLinks(id))['channel'], `the channel of ${id}`);
  return { id, channel };
}

const slackIdle = (k: Klaxon) =>
  eventually(async () => {
    const counts = await k.bot.producers.slack.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, 'the Slack queue drained', 20_000);

describe('follow-ups', () => {
  let k: Klaxon;
  // A few seconds before 09:00 JST on the due day: the reminders fall due while the test runs.
  const offset = reminderAt(DUE, 'Asia/Tokyo') - 8_000 - Date.now();
  beforeAll(async () => {
    k = await startKlaxon({ now: () => Date.now() + offset });
  });
  afterAll(async () => k?.stop());

  it('reminds an open follow-up\'s owner once on its due morning, and not one marked done', async () => {
    const { id, channel } = await declareIn(k, 'medium Disk fills up');
    const first = await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: `followup Rotate the logs, "daily" <@${USERS.l3}> ${DUE}` });
    expect(first.body).toMatch(/Follow-up F1 recorded: owner <@U0L3DEV>, due 2030-01-15|saved/);
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: `followup Alert on 90 % disk <@${USERS.l2}> ${DUE}` });
    const bad = await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'followup Too late 2001-01-01' });
    expect(bad.body).toContain('is not a due day');

    // F2's card: its owner marks it done before the due time.
    const card = await eventually(() => k.emulator.messages(channel).find((m) => /Follow-up F2/.test(m.text)), 'the card of F2');
    await k.emulator.clickButton({ userId: USERS.l2, channelId: channel, messageTs: card.ts, actionId: ACTION.followUpDone, value: 'F2' });
    await eventually(async () => (await k.bot.services.store.get(id))?.actionItems?.[1]?.done, 'F2 done');

    const reminder = await eventually(() => k.emulator.messages(channel).find((m) => /is due today/.test(m.text)), 'the reminder', 30_000);
    expect(reminder.text).toContain(`<@${USERS.l3}>`);
    expect(reminder.text).toContain('F1');
    expect(k.emulator.channel(channel)?.members).toContain(USERS.l3);
    // Both reminder jobs have fired (F2's found it done): nothing else is posted.
    await eventually(async () => {
      const jobs = await Promise.all(['F1', 'F2'].map((item) => k.bot.producers.clocks.getJob(`followup-${id}-${item}-${DUE}`)));
      return jobs.every((job) => job?.finishedOn !== undefined);
    }, 'both reminder jobs done', 30_000);
    await slackIdle(k);
    const reminders = k.emulator.messages(channel).filter((m) => /is due today/.test(m.text));
    expect(reminders.map((m) => m.text.includes('F1'))).toEqual([true]);
    // The card of F2 shows it done, with the button to reopen it.
    const updated = k.emulator.messages(channel).find((m) => m.ts === card.ts);
    expect(JSON.stringify(updated?.blocks)).toContain(ACTION.followUpReopen);
  });
});

// The month is scripted on the bot's own Redis through the domain transitions with explicit times (Slack's
// signature window keeps requests within minutes of the real clock, so a past month cannot be typed in).
describe('klaxon stats over a scripted month', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ env: { OPS_CHANNEL: 'incidents' } });
  });
  afterAll(async () => k?.stop());

  // Times from each declaration, in minutes; §1.2 targets: critical 15/60, high 30/240, low 240/1440.
  const script = [
    { at: Date.UTC(2026, 2, 2, 1), severity: 'critical', ack: 10, resolve: 50, close: 120 }, // both met
    { at: Date.UTC(2026, 2, 5, 1), severity: 'critical', ack: 20, resolve: 90, close: 200 }, // both missed
    { at: Date.UTC(2026, 2, 10, 1), severity: 'high', ack: 25, resolve: 200, close: 400 }, // both met
    { at: Date.UTC(2026, 2, 20, 1), severity: 'low', ack: 60 }, // response met; never recovered: recovery missed
    { at: Date.UTC(2026, 3, 1, 1), severity: 'medium', ack: 5 }, // April: not in March
  ] as const;

  it('matches the hand-computed figures', async () => {
    const { store } = k.bot.services;
    for (const step of script) {
      const actor = (by: string, minutes: number) => ({ by, at: step.at + minutes * MINUTE, key: `${step.at}-${minutes}` });
      const declared = declareIncident({ number: await store.nextNumber(), title: `Scripted ${step.severity}`, severity: step.severity, source: 'slack' }, actor(USERS.l1, 0));
      if (!declared.ok) throw new Error(declared.error.message);
      const { id } = declared.value.incident;
      await store.create(declared.value.incident, declared.value.events);
      const steps: ((i: Incident) => TransitionResult)[] = [(i) => addNote(i, 'looking', actor(USERS.l2, step.ack))];
      if ('resolve' in step) {
        steps.push(
          (i) => resolveIncident(i, actor(USERS.l1, step.resolve)),
          (i) => closeIncident(i, { summary: 's', impact: 'i', actions: 'a', rootCause: 'r', prevention: 'p', followUp: 'f' }, actor(USERS.l1, step.close), { unverifiedReason: 'scripted' }),
        );
      }
      for (const [n, transition] of steps.entries()) expect((await store.update(id, transition, { idempotencyKey: `s${n}` })).ok).toBe(true);
    }
    const env = { ...process.env, REDIS_URL: inject('redisUrl'), KLAXON_REDIS_PREFIX: k.config.redisPrefix, KLAXON_TIMEZONE: 'Asia/Tokyo', KLAXON_POLICY: '' };
    const cli = resolve('bin/klaxon.js');
    const json = JSON.parse((await run('node', [cli, 'stats', '--month', '2026-03', '--json'], { env })).stdout) as MetricsRow[];
    const min = (m: number) => m * MINUTE;
    expect(json).toEqual([
      { month: '2026-03', severity: 'critical', incidents: 2, acknowledgeMedianMs: min(15), recoverMedianMs: min(70), closeMedianMs: min(160), responseMet: 1, responseJudged: 2, recoveryMet: 1, recoveryJudged: 2, targetsMetShare: 0.5 },
      { month: '2026-03', severity: 'high', incidents: 1, acknowledgeMedianMs: min(25), recoverMedianMs: min(200), closeMedianMs: min(400), responseMet: 1, responseJudged: 1, recoveryMet: 1, recoveryJudged: 1, targetsMetShare: 1 },
      { month: '2026-03', severity: 'low', incidents: 1, acknowledgeMedianMs: min(60), responseMet: 1, responseJudged: 1, recoveryMet: 0, recoveryJudged: 1, targetsMetShare: 0.5 },
      { month: '2026-03', severity: 'all', incidents: 4, acknowledgeMedianMs: min(22.5), recoverMedianMs: min(90), closeMedianMs: min(200), responseMet: 3, responseJudged: 4, recoveryMet: 2, recoveryJudged: 4, targetsMetShare: 5 / 8 },
    ]);
    const table = (await run('node', [cli, 'stats', '--month', '2026-03'], { env })).stdout.split('\n');
    expect(table[0]).toMatch(/^month\s+severity\s+incidents\s+acknowledge\s+recover\s+close\s+response met\s+recovery met\s+targets met$/);
    expect(table[1]?.split(/\s{2,}/)).toEqual(['2026-03', 'critical', '2', '15 min', '1 h 10 min', '2 h 40 min', '1/2', '1/2', '50 %']);
    expect(table[4]?.split(/\s{2,}/)).toEqual(['2026-03', 'all', '4', '22 min', '1 h 30 min', '3 h 20 min', '3/4', '2/4', '63 %']);
    const bad = await run('node', [cli, 'stats', '--month', '2026-13'], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('not a month') });

    // The monthly summary in the ops channel is the same figures.
    const april = Date.UTC(2026, 3, 1, 0); // 09:00 JST on 1 April: the firing that summarises March
    await k.bot.services.clockJobs.add([{ job: { name: 'monthly-summary', data: {} }, jobId: `repeat:monthly-summary:${april}`, dueAt: 0 }]);
    await eventually(() => k.emulator.messages(k.stakeholders).some((m) => /Incident response in 2026-03/.test(m.text)), 'the monthly summary', 20_000);
  });
});
