// Journey 3 end to end in real time: signed slash commands, the real bot and its clock processor, Redis delayed
// jobs and the Slack emulator. The policy is built in code with targets of seconds (a policy file takes whole
// minutes); every level is on duty around the clock so the wall-clock hour of the run does not matter.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Policy } from '../../src/domain/policy.js';
import { alarmJobId } from '../../src/app/schedule-clocks.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { declaredInSlack } from '../support/declared-in-slack.js';

const seconds = (s: number): number => s / 60;
const [L1, L2, L3] = sandboxPolicy.escalation.levels;

const policy: Policy = {
  ...sandboxPolicy,
  sla: {
    critical: { responseMinutes: seconds(3), recoveryMinutes: seconds(5) },
    high: { responseMinutes: seconds(6), recoveryMinutes: seconds(60) },
    medium: { responseMinutes: seconds(3), recoveryMinutes: seconds(60) },
    low: { responseMinutes: seconds(60), recoveryMinutes: seconds(120) },
  },
  reminders: { atFractions: [0.5] },
  interimReportMinutes: { critical: null, high: null, medium: seconds(2.5), low: null },
  escalation: { levels: [{ ...L1, hours: 'always' }, { ...L2, hours: 'always' }, { ...L3, hours: 'always' }] },
};

// The restart test stops its first bot right after the declaration: five seconds leave room for that.
const restartPolicy: Policy = { ...policy, sla: { ...policy.sla, critical: { responseMinutes: seconds(5), recoveryMinutes: seconds(10) } } };

const BREACH = /First response target missed/;
const REMINDER = /First response target in/;

const declareIn = (k: Klaxon, text: string) => declaredInSlack(k, text);

const finishedJob = (k: Klaxon, jobId: string) =>
  eventually(async () => {
    const job = await k.bot.producers.clocks.getJob(jobId);
    return job?.finishedOn ? job : undefined;
  }, `clock job ${jobId} done`, 20_000);

const slackIdle = (k: Klaxon) =>
  eventually(async () => {
    const counts = await k.bot.producers.slack.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, 'the Slack queue drained', 20_000);

describe.concurrent('clocks and escalation', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ policy });
  });
  afterAll(async () => k?.stop());

  it('an unanswered incident gets one reminder, one breach notice, L2 paged and invited, and repeated interim nudges', async ({ expect }) => {
    const { incident, channel } = await declareIn(k, 'medium Nobody answers');
    expect(k.emulator.channel(channel)?.members).not.toContain(USERS.l2);
    await eventually(() => k.emulator.messages(channel).filter((m) => /interim report/.test(m.text)).length >= 2, 'two interim reminders', 20_000);
    await eventually(() => k.emulator.messages(channel).some((m) => /Escalated to L2/.test(m.text)), 'the escalation notice', 20_000);
    await slackIdle(k);
    const texts = k.emulator.messages(channel).map((m) => m.text);
    expect(texts.filter((t) => REMINDER.test(t))).toHaveLength(1);
    expect(texts.filter((t) => BREACH.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /Escalated/.test(t))).toHaveLength(1);
    // The reminder and the breach call the commander (the declarer leads), so they reach someone.
    for (const alarm of [REMINDER, BREACH]) expect(texts.find((t) => alarm.test(t))).toContain(`Paging <@${USERS.l1}>.`);
    const notice = k.emulator.messages(channel).find((m) => /Escalated to L2/.test(m.text));
    expect(JSON.stringify(notice?.blocks)).toContain('<!subteam^S0L2>');
    expect(k.emulator.channel(channel)?.members).toContain(USERS.l2);
    const timeline = await k.bot.services.store.timelineAll(incident.id);
    const clockEvents = timeline.flatMap((e) => (e.type === 'clock' ? [`${e.clock}-${e.kind}`] : []));
    expect(clockEvents.filter((e) => e.startsWith('response'))).toEqual(['response-reminder', 'response-breach']);
    expect(clockEvents.filter((e) => e === 'interim-reminder').length).toBeGreaterThanOrEqual(2);
    expect(timeline.filter((e) => e.type === 'escalated')).toMatchObject([{ level: 2, by: 'klaxon' }]);
  });

  it('after the first response nothing fires for the response clock', async ({ expect }) => {
    const { incident, channel } = await declareIn(k, 'high Answered at once');
    const note = await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: 'note looking into it' });
    expect(note.status).toBe(200);
    const acknowledged = await eventually(async () => (await k.bot.services.store.timelineAll(incident.id)).find((e) => e.type === 'acknowledged'), 'the first response');
    const due = incident.declaredAt + 6000;
    const reminder = await finishedJob(k, alarmJobId(incident.id, { clock: 'response', kind: 'reminder', dueAt: incident.declaredAt + 3000, key: `response-reminder-${incident.declaredAt + 3000}` }));
    const breach = await finishedJob(k, alarmJobId(incident.id, { clock: 'response', kind: 'breach', dueAt: due, key: `response-breach-${due}` }));
    // Both woke up after the first response and found their clock stopped.
    expect(acknowledged.at).toBeLessThan(incident.declaredAt + 3000);
    expect(reminder.returnvalue).toEqual({ kind: 'skipped', why: 'stale' });
    expect(breach.returnvalue).toEqual({ kind: 'skipped', why: 'stale' });
    await slackIdle(k);
    expect(k.emulator.messages(channel).filter((m) => /First response/.test(m.text))).toEqual([]);
    expect((await k.bot.services.store.timelineAll(incident.id)).filter((e) => e.type === 'clock')).toEqual([]);
  });

  it('a severity change re-times the alarms: the old ones wake up stale and post nothing', async ({ expect }) => {
    const { incident, channel } = await declareIn(k, 'critical Regraded soon');
    const answer = await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: 'severity low' });
    expect(answer.status).toBe(200);
    await eventually(async () => (await k.bot.services.store.get(incident.id))?.severity === 'low', 'the severity change');
    const oldDue = incident.declaredAt + 5000;
    const old = await finishedJob(k, alarmJobId(incident.id, { clock: 'recovery', kind: 'breach', dueAt: oldDue, key: `recovery-breach-${oldDue}` }));
    expect(old.returnvalue).toEqual({ kind: 'skipped', why: 'stale' });
    const newDue = incident.declaredAt + 120_000;
    const renewed = await k.bot.producers.clocks.getJob(alarmJobId(incident.id, { clock: 'recovery', kind: 'breach', dueAt: newDue, key: `recovery-breach-${newDue}` }));
    expect(await renewed?.getState()).toBe('delayed');
    await slackIdle(k);
    expect(k.emulator.messages(channel).filter((m) => /Recovery target/.test(m.text))).toEqual([]);
    expect((await k.bot.services.store.timelineAll(incident.id)).filter((e) => e.type === 'clock' && e.clock === 'recovery')).toEqual([]);
  });

  it('a bot restart in the middle still delivers the breach, once', async ({ expect }) => {
    const first = await startKlaxon({ policy: restartPolicy });
    let second: Klaxon | undefined;
    try {
      const { incident, channel } = await declareIn(first, 'critical Bot restarts');
      await first.bot.stop();
      const stoppedAt = Date.now();
      const due = incident.declaredAt + 5000;
      // Nobody runs the clocks until the deadline has passed.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due + 300 - Date.now())));
      second = await startKlaxon({ policy: restartPolicy, emulator: first.emulator, redisPrefix: first.config.redisPrefix });
      const restarted = second;
      await eventually(() => first.emulator.messages(channel).some((m) => BREACH.test(m.text)), 'the breach notice', 20_000);
      await eventually(() => first.emulator.messages(channel).some((m) => /Escalated to L2/.test(m.text)), 'the escalation notice', 20_000);
      await slackIdle(restarted);
      expect(first.emulator.messages(channel).filter((m) => BREACH.test(m.text))).toHaveLength(1);
      const breaches = (await restarted.bot.services.store.timelineAll(incident.id)).filter((e) => e.type === 'clock' && e.kind === 'breach' && e.clock === 'response');
      expect(breaches).toHaveLength(1);
      // Recorded by the second bot: the first one had stopped before the deadline.
      expect(breaches[0]?.at).toBeGreaterThan(stoppedAt);
    } finally {
      await second?.stop();
      await first.emulator.close();
    }
  });
});
