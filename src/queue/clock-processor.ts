// The klaxon-clocks processor (in the bot): a fired job re-reads the incident and acts only on what is still
// due now. Alarms are recorded through apply (the job id is the idempotency key) and posted through the Slack
// queue with a deterministic id and a saved link, so a retried or re-added job posts nothing twice.
import { Worker, type ConnectionOptions } from 'bullmq';
import { apply } from '../app/apply.js';
import type { Services } from '../app/services.js';
import { nextEscalation, type EscalationReason } from '../domain/escalation.js';
import type { Incident, Instant } from '../domain/incident.js';
import { escalate, recordClockAlarm } from '../domain/clock-records.js';
import { slaFor } from '../domain/policy.js';
import { clocks, type ClockAlarm } from '../domain/sla.js';
import { messages } from '../slack/i18n/messages.js';
import { clockBreach, clockReminder, interimReminder } from '../slack/views/clock-alarms.js';
import { escalationNotice } from '../slack/views/escalation-notice.js';
import type { SlackMessage } from '../slack/views/view-types.js';
import { alarmPostedLink, CLOCK_QUEUE, INTERIM_REMINDED_LINK, ladderJobId, type ClockJob } from './clock-queue.js';
import { addClockJob, currentAlarms, interimBase, lastUpdateAt, scheduleClocks } from './clock-scheduler.js';
import { bullPrefix } from './queues.js';

/** What a fired job did, for logs and tests. */
export type ClockOutcome =
  | { readonly kind: 'posted'; readonly alarm: ClockAlarm }
  | { readonly kind: 'escalated'; readonly levels: readonly (2 | 3)[] }
  | { readonly kind: 'waiting'; readonly until: Instant }
  | { readonly kind: 'skipped'; readonly why: 'gone' | 'delivered' | 'stale' | 'superseded' | 'clock_stopped' | 'nothing_due' };

/** The job as the processor needs it: what BullMQ hands over, or a test. */
export interface FiredClockJob {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
}

const klaxon = (at: Instant, key: string) => ({ by: 'klaxon', at, key });

// Which clock a ladder rule reads, so the notice can say how far it has run.
const REASON_CLOCK: Readonly<Record<EscalationReason, 'response' | 'recovery'>> = {
  response_breached: 'response',
  recovery_half_elapsed: 'recovery',
  recovery_breached: 'recovery',
};

export function clockHandler(services: Services): (job: FiredClockJob) => Promise<ClockOutcome> {
  const { store, config, policy } = services;
  const locale = config.locale;

  const postToIncident = (incidentId: string, saveAs: string, message: SlackMessage) =>
    services.producers.enqueueSlack({ name: 'post', data: { incidentId, to: 'incident', saveAs, message } }, `post-${saveAs.replace(/:/g, '-')}`);

  function alarmMessage(incident: Incident, alarm: ClockAlarm, now: Instant, links: Record<string, string>): SlackMessage {
    if (alarm.clock === 'interim') {
      const since = lastUpdateAt(links) ?? incident.declaredAt;
      return interimReminder({ incident, sinceMs: now - since, locale });
    }
    const clock = clocks(incident, now, slaFor(policy, incident.severity))[alarm.clock];
    const input = { incident, clock, locale, timeZone: config.timeZone };
    return alarm.kind === 'breach' ? clockBreach(input) : clockReminder(input);
  }

  async function fireAlarm(jobId: string, incidentId: string, alarm: ClockAlarm): Promise<ClockOutcome> {
    const incident = await store.get(incidentId);
    if (!incident) return { kind: 'skipped', why: 'gone' };
    const links = await store.getLinks(incidentId);
    if (links[alarmPostedLink(jobId)]) return { kind: 'skipped', why: 'delivered' };
    // A severity change, a first response or a status update since scheduling makes this alarm stale.
    if (!currentAlarms(incident, policy, interimBase(links)).some((a) => a.key === alarm.key)) return { kind: 'skipped', why: 'stale' };
    const now = services.now();
    if (alarm.kind === 'reminder' && alarm.clock !== 'interim' && clocks(incident, now, slaFor(policy, incident.severity))[alarm.clock].breached) {
      return { kind: 'skipped', why: 'superseded' }; // fired late (the bot was down): the breach notice says more
    }
    const recorded = await apply(services, incidentId, (i) => recordClockAlarm(i, { clock: alarm.clock, kind: alarm.kind, dueAt: alarm.dueAt }, klaxon(now, jobId)), jobId);
    if (!recorded.ok) return { kind: 'skipped', why: 'clock_stopped' };
    await postToIncident(incidentId, alarmPostedLink(jobId), alarmMessage(recorded.value.incident, alarm, now, links));
    if (alarm.clock === 'interim') {
      // The next nudge is a cadence after this one (not after its due time: a late one does not cascade).
      await store.setLink(incidentId, INTERIM_REMINDED_LINK, String(Math.max(now, alarm.dueAt)));
      await scheduleClocks(services, recorded.value.incident);
    }
    return { kind: 'posted', alarm };
  }

  function reasonText(incident: Incident, reason: EscalationReason, now: Instant): string {
    const m = messages(locale);
    const clock = clocks(incident, now, slaFor(policy, incident.severity))[REASON_CLOCK[reason]];
    const state = clock.breached ? m.header.overdue(m.duration(clock.breachedByMs)) : m.header.remaining(m.duration(clock.remainingMs));
    return `${m.clock[clock.clock]}: ${state}`;
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
        await addClockJob(services, { job: { name: 'ladder', data: { incidentId, at: decision.until } }, jobId: ladderJobId(incidentId, decision.until), dueAt: decision.until });
        if (levels.length === 0) return { kind: 'waiting', until: decision.until };
        break;
      }
      const key = `escalate-${incidentId}-L${decision.to}`;
      const reason = reasonText(incident, decision.reason, now);
      const result = await apply(services, incidentId, (i) => escalate(i, { level: decision.to, reason: decision.reason }, klaxon(now, key)), key);
      if (!result.ok) break;
      const members = (policy.escalation.levels.find((l) => l.level === decision.to)?.members ?? []).map((ref) => ('user' in ref ? ref.user : ref.usergroup));
      if (members.length > 0) await services.producers.enqueueSlack({ name: 'invite', data: { incidentId, members } }, `invite-${key}`);
      await postToIncident(incidentId, `escalation:${key}`, escalationNotice({ incident: result.value.incident, level: decision.to, who: members, reason, locale }));
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
    }
  };
}

export interface ClockProcessorOptions {
  readonly connection: ConnectionOptions;
  readonly services: Services;
}

/** Runs the clock jobs in the bot process; several bot replicas share them through the queue. */
export function startClockProcessor(options: ClockProcessorOptions): Worker {
  const { services } = options;
  const handle = clockHandler(services);
  const worker = new Worker(
    CLOCK_QUEUE,
    async (job) => {
      const outcome = await handle({ id: String(job.id), name: job.name, data: job.data as unknown });
      services.logger.debug({ jobId: job.id, outcome }, 'clock job done');
      return outcome;
    },
    { connection: options.connection, prefix: bullPrefix(services.config.redisPrefix), concurrency: 2 },
  );
  worker.on('error', (error) => services.logger.error({ err: error }, 'clock worker error'));
  worker.on('failed', (job, error) => services.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'clock job failed; will retry'));
  return worker;
}
