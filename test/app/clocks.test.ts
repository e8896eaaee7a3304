// The clock processor's decisions on the real bot, Redis and Slack emulator with a scripted clock: jobs are
// handed to the handler directly (the queue is paused), so every outcome is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import { declare } from '../../src/app/declare.js';
import type { Incident } from '../../src/domain/incident.js';
import { addNote, changeSeverity, postUpdate } from '../../src/domain/incident-records.js';
import type { ClockAlarm } from '../../src/domain/sla.js';
import { clockHandler, type ClockOutcome } from '../../src/app/clocks.js';
import { alarmJobId, ladderJobId } from '../../src/app/schedule-clocks.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const MIN = 60_000;
// Monday 2026-01-05 10:00 and Saturday 2026-01-03 12:00 in Tokyo.
const MONDAY = Date.UTC(2026, 0, 5, 1, 0);
const SATURDAY = Date.UTC(2026, 0, 3, 3, 0);

describe('clock processor', () => {
  let k: Klaxon;
  let t = MONDAY;
  let fire: ReturnType<typeof clockHandler>;
  beforeAll(async () => {
    k = await startKlaxon({ now: () => t });
    await k.bot.producers.clocks.pause();
    fire = clockHandler(k.bot.services);
  });
  afterAll(async () => k?.stop());

  const open = async (severity: Incident['severity'], key: string, at = MONDAY): Promise<{ incident: Incident; channel: string }> => {
    t = at;
    const declared = await declare(k.bot.services, { severity, title: `processor ${key}`, source: 'slack', by: USERS.l1, key });
    if (!declared.ok) throw new Error(declared.error.message);
    const incident = declared.value;
    const channel = await eventually(async () => (await k.bot.services.store.getLinks(incident.id))['playbooks'] && (await k.bot.services.store.getLinks(incident.id))['channel'], 'the incident channel set up');
    return { incident, channel };
  };
  const alarm = (clock: ClockAlarm['clock'], kind: ClockAlarm['kind'], dueAt: number): ClockAlarm => ({ clock, kind, dueAt, key: `${clock}-${kind}-${dueAt}` });
  const fireAlarm = (incident: Incident, a: ClockAlarm): Promise<ClockOutcome> => {
    const id = alarmJobId(incident.id, a);
    return fire({ id, name: 'alarm', data: { incidentId: incident.id, alarm: a } });
  };
  const fireLadder = (incident: Incident, at = t): Promise<ClockOutcome> => fire({ id: ladderJobId(incident.id, at), name: 'ladder', data: { incidentId: incident.id, at } });
  const clockEvents = async (incident: Incident) => (await k.bot.services.store.timelineAll(incident.id)).filter((e) => e.type === 'clock');
  const posted = (channel: string, pattern: RegExp) => k.emulator.messages(channel).filter((m) => pattern.test(m.text));
  const slackIdle = () =>
    eventually(async () => {
      const counts = await k.bot.producers.slack.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    }, 'the Slack queue drained');

  it('a breach at its due time is recorded and posted once, however often the job runs', async () => {
    const { incident, channel } = await open('critical', 'breach');
    t = MONDAY + 15 * MIN;
    const breach = alarm('response', 'breach', MONDAY + 15 * MIN);
    expect(await fireAlarm(incident, breach)).toEqual({ kind: 'posted', alarm: breach });
    expect(await fireAlarm(incident, breach)).toEqual({ kind: 'posted', alarm: breach });
    await eventually(() => posted(channel, /First response target missed/).length > 0, 'the breach notice');
    await slackIdle();
    expect(await fireAlarm(incident, breach)).toEqual({ kind: 'skipped', why: 'delivered' });
    await slackIdle();
    expect(posted(channel, /First response target missed/)).toHaveLength(1);
    expect(await clockEvents(incident)).toMatchObject([{ clock: 'response', kind: 'breach', dueAt: MONDAY + 15 * MIN, by: 'klaxon' }]);
  });

  it('a reminder says how long is left, in the team zone', async () => {
    const { incident, channel } = await open('critical', 'reminder');
    t = MONDAY + 7.5 * MIN;
    expect((await fireAlarm(incident, alarm('response', 'reminder', MONDAY + 7.5 * MIN))).kind).toBe('posted');
    const message = await eventually(() => posted(channel, /First response target in/)[0], 'the reminder');
    expect(message.text).toContain('in 7 min');
    expect(message.text).toContain('2026-01-05 10:15 JST');
  });

  it('after the first response, the response alarms are stale and post nothing', async () => {
    const { incident, channel } = await open('critical', 'acked');
    t = MONDAY + MIN;
    await apply(k.bot.services, incident.id, (i) => addNote(i, 'looking', { by: USERS.l2, at: t, key: 'note' }), 'note');
    t = MONDAY + 15 * MIN;
    expect(await fireAlarm(incident, alarm('response', 'reminder', MONDAY + 7.5 * MIN))).toEqual({ kind: 'skipped', why: 'stale' });
    expect(await fireAlarm(incident, alarm('response', 'breach', MONDAY + 15 * MIN))).toEqual({ kind: 'skipped', why: 'stale' });
    await slackIdle();
    expect(posted(channel, /First response/)).toEqual([]);
    expect(await clockEvents(incident)).toEqual([]);
  });

  it('a severity change makes the old due times stale and the new ones current', async () => {
    const { incident } = await open('critical', 'regraded');
    t = MONDAY + MIN;
    await apply(k.bot.services, incident.id, (i) => changeSeverity(i, 'high', { by: USERS.l2, at: t, key: 'sev' }), 'sev');
    t = MONDAY + 60 * MIN;
    expect(await fireAlarm(incident, alarm('recovery', 'breach', MONDAY + 60 * MIN))).toEqual({ kind: 'skipped', why: 'stale' });
    t = MONDAY + 120 * MIN;
    expect((await fireAlarm(incident, alarm('recovery', 'reminder', MONDAY + 120 * MIN))).kind).toBe('posted');
  });

  it('a reminder that fires after its deadline (the bot was down) gives way to the breach notice', async () => {
    const { incident, channel } = await open('critical', 'late-reminder');
    t = MONDAY + 16 * MIN;
    expect(await fireAlarm(incident, alarm('response', 'reminder', MONDAY + 12 * MIN))).toEqual({ kind: 'skipped', why: 'superseded' });
    await slackIdle();
    expect(posted(channel, /target in/)).toEqual([]);
  });

  it('the interim-report reminder repeats a cadence after the last one, and restarts after an update', async () => {
    const { incident, channel } = await open('critical', 'interim');
    t = MONDAY + 31 * MIN;
    expect((await fireAlarm(incident, alarm('interim', 'reminder', MONDAY + 30 * MIN))).kind).toBe('posted');
    const first = await eventually(() => posted(channel, /interim report/)[0], 'the interim reminder');
    expect(first.text).toContain('31 min ago');
    expect(await k.bot.producers.clocks.getJob(alarmJobId(incident.id, alarm('interim', 'reminder', MONDAY + 61 * MIN)))).toBeDefined();
    // An update before the next nudge moves it: the pending one is stale.
    t = MONDAY + 40 * MIN;
    await apply(k.bot.services, incident.id, (i) => postUpdate(i, 'cause found', { by: USERS.l2, at: t, key: 'upd' }), 'upd');
    t = MONDAY + 61 * MIN;
    expect(await fireAlarm(incident, alarm('interim', 'reminder', MONDAY + 61 * MIN))).toEqual({ kind: 'skipped', why: 'stale' });
    t = MONDAY + 70 * MIN;
    expect((await fireAlarm(incident, alarm('interim', 'reminder', MONDAY + 70 * MIN))).kind).toBe('posted');
    await eventually(() => posted(channel, /the last update was 30 min ago/).length === 1, 'the second reminder, counted from the update');
  });

  it('escalates an unanswered incident to L2: invites the level and mentions its group, once', async () => {
    // medium: only L1 is invited on declaration, and Monday 11:00 is within L2's business hours.
    const { incident, channel } = await open('medium', 'ladder');
    expect(k.emulator.channel(channel)?.members).not.toContain(USERS.l2);
    t = MONDAY + 60 * MIN;
    expect(await fireLadder(incident)).toEqual({ kind: 'escalated', levels: [2] });
    expect(await fireLadder(incident)).toEqual({ kind: 'skipped', why: 'nothing_due' });
    const notice = await eventually(() => posted(channel, /Escalated to L2/)[0], 'the escalation notice');
    expect(JSON.stringify(notice.blocks)).toContain('<!subteam^S0L2>');
    expect(JSON.stringify(notice.blocks)).toContain('First response: overdue by 0 s');
    await eventually(() => k.emulator.channel(channel)?.members.includes(USERS.l2), 'L2 invited');
    await slackIdle();
    expect(posted(channel, /Escalated/)).toHaveLength(1);
    expect((await k.bot.services.store.get(incident.id))?.escalationLevel).toBe(2);
    const escalated = (await k.bot.services.store.timelineAll(incident.id)).filter((e) => e.type === 'escalated');
    expect(escalated).toMatchObject([{ level: 2, reason: 'response_breached', by: 'klaxon' }]);
  });

  it('catches up one level at a time when both are due (the bot was down)', async () => {
    const { incident, channel } = await open('critical', 'catch-up');
    t = MONDAY + 61 * MIN;
    expect(await fireLadder(incident)).toEqual({ kind: 'escalated', levels: [2, 3] });
    await eventually(() => posted(channel, /Escalated to L3/).length === 1, 'the L3 notice');
    await eventually(() => k.emulator.channel(channel)?.members.includes(USERS.l3), 'L3 invited');
    expect(posted(channel, /Escalated to L2/)).toHaveLength(1);
  });

  it('waits for business hours when the next level is off duty, with a wake-up at the opening', async () => {
    const { incident } = await open('medium', 'weekend', SATURDAY);
    t = SATURDAY + 61 * MIN;
    const monday9 = Date.UTC(2026, 0, 5, 0, 0);
    expect(await fireLadder(incident)).toEqual({ kind: 'waiting', until: monday9 });
    const wake = await k.bot.producers.clocks.getJob(ladderJobId(incident.id, monday9));
    expect(wake?.opts.delay).toBe(monday9 - t);
    expect((await k.bot.services.store.get(incident.id))?.escalationLevel).toBe(1);
    // By Monday the 8 h recovery target has long passed too: both levels, in order.
    t = monday9;
    expect(await fireLadder(incident, monday9)).toEqual({ kind: 'escalated', levels: [2, 3] });
  });

  it('an incident that is gone is nothing to do', async () => {
    expect(await fire({ id: 'clock-inc-9999-x', name: 'alarm', data: { incidentId: 'inc-9999', alarm: alarm('response', 'breach', 1) } })).toEqual({ kind: 'skipped', why: 'gone' });
    expect(await fire({ id: 'ladder-inc-9999-1', name: 'ladder', data: { incidentId: 'inc-9999', at: 1 } })).toEqual({ kind: 'skipped', why: 'gone' });
  });
});
