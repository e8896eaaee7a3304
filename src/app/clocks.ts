// A fired clock job (alarm or ladder checkpoint) re-reads the incident and acts only on what is still due now.
// Alarms are recorded through apply (the job id is the idempotency key) and announced as an effect with a
// deterministic id and a saved link, so a retried or re-added job posts nothing twice.
import { BOT_ACTOR } from '../domain/actors.js';
import { levelMembers, nextEscalation } from '../domain/escalation.js';
import type { Instant } from '../domain/incident.js';
import { escalate, interimBase, recordClockAlarm } from '../domain/clock-records.js';
import { slaFor } from '../domain/policy.js';
import { clocks, type ClockAlarm } from '../domain/sla.js';
import { apply } from './apply.js';
import { remindFollowUp } from './follow-up-jobs.js';
import { fireMonthlySummary } from './response-stats.js';
import type { ClockJob } from './ports.js';
import { alarmPostedLink } from './links.js';
import { currentAlarms, ladderJobId, scheduleClocks } from './schedule-clocks.js';
import type { Services } from './services.js';

/** What a fired job did, for logs and tests. */
export type ClockOutcome =
  | { readonly kind: 'posted'; readonly alarm: ClockAlarm }
  | { readonly kind: 'escalated'; readonly levels: readonly (2 | 3)[] }
  | { readonly kind: 'waiting'; readonly until: Instant }
  | { readonly kind: 'reminded'; readonly item: string }
  | { readonly kind: 'summary'; readonly month: string }
  | { readonly kind: 'skipped'; readonly why: 'gone' | 'delivered' | 'stale' | 'superseded' | 'clock_stopped' | 'nothing_due' };

/** The job as the processor needs it: what the queue hands over, or a test. */
export interface FiredClockJob {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
}

// A repeating job's id ends in the instant it was due (`repeat:<id>:<millis>`).
const firedAt = (jobId: string): number | undefined => {
  const millis = Number(jobId.split(':').at(-1));
  return Number.isFinite(millis) && millis > 0 ? millis : undefined;
};
const klaxon = (at: Instant, key: string) => ({ by: BOT_ACTOR, at, key });
const effectId = (saveAs: `${string}:${string}`) => `post-${saveAs.replace(/:/g, '-')}`;

export function clockHandler(services: Services): (job: FiredClockJob) => Promise<ClockOutcome> {
  const { store, config, policy } = services;

  async function fireAlarm(jobId: string, incidentId: string, alarm: ClockAlarm): Promise<ClockOutcome> {
    const incident = await store.get(incidentId);
    if (!incident) return { kind: 'skipped', why: 'gone' };
    const links = await store.getLinks(incidentId);
    if (links[alarmPostedLink(jobId)]) return { kind: 'skipped', why: 'delivered' };
    // A severity change, a first response or a status update since scheduling makes this alarm stale.
    if (!currentAlarms(incident, policy, interimBase(incident)).some((a) => a.key === alarm.key)) return { kind: 'skipped', why: 'stale' };
    const now = services.now();
    if (alarm.kind === 'reminder' && alarm.clock !== 'interim' && clocks(incident, now, slaFor(policy, incident.severity))[alarm.clock].breached) {
      return { kind: 'skipped', why: 'superseded' }; // fired late (the bot was down): the breach notice says more
    }
    const recorded = await apply(services, incidentId, (i) => recordClockAlarm(i, { clock: alarm.clock, kind: alarm.kind, dueAt: alarm.dueAt }, klaxon(now, jobId)), jobId);
    if (!recorded.ok) return { kind: 'skipped', why: 'clock_stopped' };
    const saveAs = alarmPostedLink(jobId);
    await services.effects.enqueue({ name: 'alarm', data: { incidentId, alarm, saveAs } }, effectId(saveAs));
    // The record now holds this reminder's time (domain/clock-records.ts): the next one is a cadence later.
    if (alarm.clock === 'interim') await scheduleClocks(services, recorded.value.incident);
    return { kind: 'posted', alarm };
  }

  // One level at a time, again while the next level is also due (a bot that was down catches up to L3).
  async function climbLadder(incidentId: string): Promise<ClockOutcome> {
    let incident = await store.get(incidentId);
    if (!incident) return { kind: 'skipped', why: 'gone' };
    const levels: (2 | 3)[] = [];
    for (;;) {
      const now = services.now();
      const decision = nextEscalation(incident, now, policy, config.timeZone);
      if (decision.kind === 'none') break;
      if (decision.kind === 'wait') {
        // The next level is off duty: wake up when its hours open.
        await services.clockJobs.add([{ job: { name: 'ladder', data: { incidentId, at: decision.until } }, jobId: ladderJobId(incidentId, decision.until), dueAt: decision.until }]);
        if (levels.length === 0) return { kind: 'waiting', until: decision.until };
        break;
      }
      const key = `escalate-${incidentId}-L${decision.to}`;
      const result = await apply(services, incidentId, (i) => escalate(i, { level: decision.to, reason: decision.reason }, klaxon(now, key)), key);
      if (!result.ok) break;
      const members = levelMembers(policy, decision.to);
      if (members.length > 0) await services.effects.enqueue({ name: 'invite', data: { incidentId, members } }, `invite-${key}`);
      const saveAs = `escalation:${key}` as const;
      await services.effects.enqueue({ name: 'escalation', data: { incidentId, level: decision.to, who: members, reason: decision.reason, saveAs } }, effectId(saveAs));
      levels.push(decision.to);
      incident = result.value.incident;
    }
    return levels.length > 0 ? { kind: 'escalated', levels } : { kind: 'skipped', why: 'nothing_due' };
  }

  return async (job) => {
    const task = { name: job.name, data: job.data } as ClockJob;
    switch (task.name) {
      case 'alarm':
        return fireAlarm(job.id, task.data.incidentId, task.data.alarm);
      case 'ladder':
        return climbLadder(task.data.incidentId);
      case 'followup':
        return remindFollowUp(services, task.data);
      case 'monthly-summary':
        return { kind: 'summary', month: await fireMonthlySummary(services, firedAt(job.id) ?? services.now()) };
    }
  };
}
