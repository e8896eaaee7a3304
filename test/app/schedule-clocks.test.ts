// The clock scheduler against the real bot's Redis with a scripted clock: which delayed jobs an incident gets,
// that scheduling again adds nothing, and how a transition re-times them. The queue is paused, so nothing fires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import { declare } from '../../src/app/declare.js';
import type { Incident } from '../../src/domain/incident.js';
import { changeSeverity, postUpdate } from '../../src/domain/incident-records.js';
import { acknowledge, closeIncident, resolveIncident } from '../../src/domain/lifecycle.js';
import { rescheduleOpenIncidents, scheduleClocks } from '../../src/app/schedule-clocks.js';
import type { Services } from '../../src/app/services.js';
import { createClockJobs } from '../../src/queue/clock-queue.js';
import { startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const MIN = 60_000;
// Monday 2026-01-05 10:00 in Tokyo.
const T0 = Date.UTC(2026, 0, 5, 1, 0);

describe('clock scheduler', () => {
  let k: Klaxon;
  let t = T0;
  beforeAll(async () => {
    k = await startKlaxon({ now: () => t });
    await k.bot.producers.clocks.pause();
  });
  afterAll(async () => k?.stop());

  const queue = () => k.bot.producers.clocks;
  const idsOf = async (incidentId: string): Promise<string[]> => {
    const jobs = await queue().getJobs(['delayed', 'waiting', 'completed', 'failed', 'active']);
    return jobs.map((j) => String(j.id)).filter((id) => id.includes(`-${incidentId}-`)).sort();
  };
  const open = async (severity: Incident['severity'], key: string): Promise<Incident> => {
    t = T0;
    const declared = await declare(k.bot.services, { severity, title: `clocks ${key}`, source: 'slack', by: USERS.l1, key });
    if (!declared.ok) throw new Error(declared.error.message);
    return declared.value;
  };
  const actor = (key: string) => ({ by: USERS.l1, at: t, key });
  // A bot that starts now: its clock jobs port has added nothing yet (the running bot's does not send again
  // the ids it added lately).
  const startedNow = (): Services => ({ ...k.bot.services, clockJobs: createClockJobs(queue(), () => t) });

  it('a declaration schedules both clocks, the interim report and the ladder, each delayed to its due time', async () => {
    const incident = await open('critical', 'declared');
    const id = incident.id;
    expect(await idsOf(id)).toEqual(
      [
        `clock-${id}-response-reminder-${T0 + 7.5 * MIN}`,
        `clock-${id}-response-reminder-${T0 + 12 * MIN}`,
        `clock-${id}-response-breach-${T0 + 15 * MIN}`,
        `clock-${id}-recovery-reminder-${T0 + 30 * MIN}`,
        `clock-${id}-recovery-reminder-${T0 + 48 * MIN}`,
        `clock-${id}-recovery-breach-${T0 + 60 * MIN}`,
        `clock-${id}-interim-reminder-${T0 + 30 * MIN}`,
        `ladder-${id}-${T0 + 15 * MIN}`,
        `ladder-${id}-${T0 + 30 * MIN}`,
        `ladder-${id}-${T0 + 60 * MIN}`,
      ].sort(),
    );
    const breach = await queue().getJob(`clock-${id}-response-breach-${T0 + 15 * MIN}`);
    expect(breach?.opts.delay).toBe(15 * MIN);
    expect(breach?.data).toEqual({ incidentId: id, alarm: { clock: 'response', kind: 'breach', dueAt: T0 + 15 * MIN, key: `response-breach-${T0 + 15 * MIN}` } });
  });

  it('is idempotent: scheduling again (a retry, a restart) adds no job', async () => {
    const incident = await open('high', 'twice');
    const before = await idsOf(incident.id);
    const counts = await queue().getJobCounts();
    expect(await scheduleClocks(k.bot.services, incident)).toBe(before.length);
    await rescheduleOpenIncidents(k.bot.services);
    expect(await idsOf(incident.id)).toEqual(before);
    expect(await queue().getJobCounts()).toEqual(counts);
  });

  it('a late schedule of a past alarm is due at once, never negative', async () => {
    const incident = await open('critical', 'late');
    t = T0 + 20 * MIN;
    await queue().remove(`clock-${incident.id}-recovery-breach-${T0 + 60 * MIN}`);
    await queue().remove(`clock-${incident.id}-response-breach-${T0 + 15 * MIN}`);
    await scheduleClocks(startedNow(), incident);
    expect((await queue().getJob(`clock-${incident.id}-response-breach-${T0 + 15 * MIN}`))?.opts.delay).toBe(0);
    expect((await queue().getJob(`clock-${incident.id}-recovery-breach-${T0 + 60 * MIN}`))?.opts.delay).toBe(40 * MIN);
  });

  it('a severity change re-times the recovery clock; the first response stops the response clock', async () => {
    const incident = await open('critical', 'resevered');
    t = T0 + 2 * MIN;
    const changed = await apply(k.bot.services, incident.id, (i) => changeSeverity(i, 'low', actor('sev-low')), 'sev-low');
    expect(changed.ok).toBe(true);
    const ids = await idsOf(incident.id);
    // low: recovery 24 h (reminders at 50 % and 80 %), no interim cadence; the response clock stopped with the change.
    expect(ids).toContain(`clock-${incident.id}-recovery-breach-${T0 + 24 * 60 * MIN}`);
    expect(ids).toContain(`clock-${incident.id}-recovery-reminder-${T0 + 12 * 60 * MIN}`);
    expect(ids).toContain(`ladder-${incident.id}-${T0 + 24 * 60 * MIN}`);
    // Only the declaration's response jobs exist (they will find themselves stale); none were added.
    expect(ids.filter((id) => id.includes('-response-'))).toEqual(
      [7.5, 12, 15].map((m) => `clock-${incident.id}-response-${m === 15 ? 'breach' : 'reminder'}-${T0 + m * MIN}`).sort(),
    );
  });

  it('a status update moves the interim reminder a cadence after it', async () => {
    const incident = await open('critical', 'updated');
    t = T0 + 10 * MIN;
    await apply(k.bot.services, incident.id, (i) => postUpdate(i, 'still looking', actor('upd')), 'upd');
    expect(await idsOf(incident.id)).toContain(`clock-${incident.id}-interim-reminder-${T0 + 40 * MIN}`);
  });

  it('resolving or closing schedules nothing new', async () => {
    const incident = await open('medium', 'resolved');
    t = T0 + MIN;
    await apply(k.bot.services, incident.id, (i) => acknowledge(i, actor('ack')), 'ack');
    const resolved = await apply(k.bot.services, incident.id, (i) => resolveIncident(i, actor('res')), 'res');
    if (!resolved.ok) throw new Error('resolve refused');
    expect(await scheduleClocks(k.bot.services, resolved.value.incident)).toBe(0);
    const closed = await apply(k.bot.services, incident.id, (i) => closeIncident(i, { summary: 's', actions: 'a', followUp: 'f' }, actor('close')), 'close');
    if (!closed.ok) throw new Error('close refused');
    expect(await scheduleClocks(k.bot.services, closed.value.incident)).toBe(0);
  });

  it('start-up re-creates the jobs of every open incident from the store alone', async () => {
    const incident = await open('high', 'lost');
    const expected = await idsOf(incident.id);
    for (const id of expected) await queue().remove(id);
    expect(await idsOf(incident.id)).toEqual([]);
    const { incidents, jobs } = await rescheduleOpenIncidents(startedNow());
    expect(incidents).toBeGreaterThanOrEqual(1);
    expect(jobs).toBeGreaterThanOrEqual(expected.length);
    expect(await idsOf(incident.id)).toEqual(expected);
  });
});
