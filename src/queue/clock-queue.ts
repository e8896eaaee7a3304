// The klaxon-clocks queue: one delayed job per clock alarm and per escalation checkpoint of an open incident.
// A job is a wake-up, not a command: its processor recomputes what is due from the stored incident.
import type { JobsOptions } from 'bullmq';
import type { Instant } from '../domain/incident.js';
import type { ClockAlarm } from '../domain/sla.js';

export const CLOCK_QUEUE = 'klaxon-clocks';

export type ClockJob =
  | { readonly name: 'alarm'; readonly data: { readonly incidentId: string; readonly alarm: ClockAlarm } }
  | { readonly name: 'ladder'; readonly data: { readonly incidentId: string; readonly at: Instant } };

// Ids carry the incident and the due instant: scheduling the same alarm again adds nothing (no `:`, never all digits).
export const alarmJobId = (incidentId: string, alarm: ClockAlarm): string => `clock-${incidentId}-${alarm.key}`;
export const ladderJobId = (incidentId: string, at: Instant): string => `ladder-${incidentId}-${at}`;

/** The link under which the last interim-report reminder's time is kept (the next one is a cadence later). */
export const INTERIM_REMINDED_LINK = 'clock:interim-reminded';
/** The link the posted message of a fired alarm is saved under: present means it was delivered. */
export const alarmPostedLink = (jobId: string): string => `clock:${jobId}`;

const THIRTY_DAYS_S = 30 * 86_400;

export const CLOCK_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Fired jobs are kept so that re-scheduling an incident (every transition, every start-up) re-adds none of them.
  removeOnComplete: { age: THIRTY_DAYS_S },
  removeOnFail: { age: THIRTY_DAYS_S },
};
