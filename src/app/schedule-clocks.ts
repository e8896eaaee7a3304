// Keeps the clock wake-ups in step with an incident: a delayed job for every alarm of its clocks and every
// checkpoint of the ladder. Idempotent (job ids come from the due instants), so it runs after every transition
// and for every open incident at start-up; jobs of a superseded schedule stay and find nothing to do.
import { interimBase } from '../domain/clock-records.js';
import { escalationCheckpoints } from '../domain/escalation.js';
import type { Incident, Instant } from '../domain/incident.js';
import { slaFor, type Policy } from '../domain/policy.js';
import { clockAlarms, type ClockAlarm } from '../domain/sla.js';
import { scheduleFollowUps } from './follow-up-jobs.js';
import type { PlannedJob } from './ports.js';
import type { Services } from './services.js';

// Ids carry the incident and the due instant: scheduling the same alarm again adds nothing (no `:`, never all digits).
export const alarmJobId = (incidentId: string, alarm: ClockAlarm): string => `clock-${incidentId}-${alarm.key}`;
export const ladderJobId = (incidentId: string, at: Instant): string => `ladder-${incidentId}-${at}`;

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

/** Schedules every current alarm and ladder checkpoint of the incident. Returns how many jobs were planned. */
export async function scheduleClocks(services: Services, incident: Incident): Promise<number> {
  // Follow-ups outlive the incident: their cards and reminders are kept in step after the close too.
  await scheduleFollowUps(services, incident);
  if (incident.status === 'closed') return 0;
  const planned = planClockJobs(incident, services.policy, interimBase(incident));
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
