// Keeps the clock wake-ups in step with an incident: a delayed job for every alarm of its clocks and every
// checkpoint of the ladder. Idempotent (job ids come from the due instants), so it runs after every transition
// and for every open incident at start-up; jobs of a superseded schedule stay and find nothing to do.
import { escalationCheckpoints } from '../domain/escalation.js';
import type { Incident, Instant } from '../domain/incident.js';
import { slaFor, type Policy } from '../domain/policy.js';
import { clockAlarms, type ClockAlarm } from '../domain/sla.js';
import type { TimelineEvent } from '../domain/timeline.js';
import type { PlannedJob } from './ports.js';
import type { Services } from './services.js';

// Ids carry the incident and the due instant: scheduling the same alarm again adds nothing (no `:`, never all digits).
export const alarmJobId = (incidentId: string, alarm: ClockAlarm): string => `clock-${incidentId}-${alarm.key}`;
export const ladderJobId = (incidentId: string, at: Instant): string => `ladder-${incidentId}-${at}`;

/** The link under which the last interim-report reminder's time is kept (the next one is a cadence later). */
export const INTERIM_REMINDED_LINK = 'clock:interim-reminded';
/** The link the posted message of a fired alarm is saved under: present means it was delivered. */
export const alarmPostedLink = (jobId: string): string => `clock:${jobId}`;

/** The latest status update (中間報告), from the stored link or from events not yet linked. */
export function lastUpdateAt(links: Readonly<Record<string, string>>, events: readonly TimelineEvent[] = []): Instant | undefined {
  const times = events.filter((e) => e.type === 'update_posted').map((e) => e.at);
  const linked = links['latestUpdate'];
  if (linked !== undefined) {
    try {
      const at = (JSON.parse(linked) as { at?: unknown }).at;
      if (typeof at === 'number') times.push(at);
    } catch {
      // A malformed link counts as no update: the reminder comes earlier, never later.
    }
  }
  return times.length === 0 ? undefined : Math.max(...times);
}

// The next interim reminder is a cadence after the last update or the last reminder, whichever is later.
export function interimBase(links: Readonly<Record<string, string>>, events: readonly TimelineEvent[] = []): Instant | undefined {
  const reminded = Number(links[INTERIM_REMINDED_LINK]);
  const update = lastUpdateAt(links, events);
  if (!Number.isFinite(reminded) || reminded <= 0) return update;
  return update === undefined ? reminded : Math.max(update, reminded);
}

/** The alarms that are current for the incident as stored now. */
export function currentAlarms(incident: Incident, policy: Policy, base: Instant | undefined): ClockAlarm[] {
  return clockAlarms(incident, slaFor(policy, incident.severity), policy, base);
}

// Every wake-up the incident needs: its alarms and, below L3, the ladder's checkpoints.
export function planClockJobs(incident: Incident, policy: Policy, base: Instant | undefined): PlannedJob[] {
  const alarms = currentAlarms(incident, policy, base).map(
    (alarm): PlannedJob => ({ job: { name: 'alarm', data: { incidentId: incident.id, alarm } }, jobId: alarmJobId(incident.id, alarm), dueAt: alarm.dueAt }),
  );
  const checkpoints = incident.escalationLevel === 3 ? [] : escalationCheckpoints(incident, policy);
  const ladder = checkpoints.map((at): PlannedJob => ({ job: { name: 'ladder', data: { incidentId: incident.id, at } }, jobId: ladderJobId(incident.id, at), dueAt: at }));
  return [...alarms, ...ladder];
}

/**
 * Schedules every current alarm and ladder checkpoint of the incident; `events` are those a transition just
 * wrote (a status update not yet linked moves the interim reminder). Returns how many jobs were planned.
 */
export async function scheduleClocks(services: Services, incident: Incident, events: readonly TimelineEvent[] = []): Promise<number> {
  if (incident.status === 'closed') return 0;
  const links = await services.store.getLinks(incident.id);
  const planned = planClockJobs(incident, services.policy, interimBase(links, events));
  if (planned.length === 0) return 0;
  await services.clockJobs.add(planned);
  return planned.length;
}

/** Start-up: every open incident's clocks again, so nothing depends on a job having been added before a crash. */
export async function rescheduleOpenIncidents(services: Services): Promise<{ readonly incidents: number; readonly jobs: number }> {
  const open = await services.store.listOpen();
  let jobs = 0;
  for (const incident of open) jobs += await scheduleClocks(services, incident);
  return { incidents: open.length, jobs };
}
