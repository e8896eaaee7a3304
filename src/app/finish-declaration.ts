// A declaration stores its incident, then schedules its clocks, queues its Slack setup (channel, checklist,
// announcement) and takes the host snapshot. A bot that died, or a Redis that failed, after the first step
// and before the setup was queued left an open incident that nobody in Slack knows of, whose reminders and
// escalation may never fire and whose host was never looked at. Whoever finds one (a bot's look for what was
// left behind, the next delivery of the alert that declared it) finishes its declaration. Every step is once
// by its own id (the clock jobs', the setup job's, the snapshot run's), so a step that was done is not done
// twice; the snapshot, the one step that starts work on a host, is also held by one finisher at a time.
import type { Incident } from '../domain/incident.js';
import { queueSetup, setupJobId, type SetupOrigin } from './queue-setup.js';
import { requestSnapshot } from './request-run.js';
import { scheduleClocks } from './schedule-clocks.js';
import type { Services } from './services.js';

/**
 * How old a declaration must be before a missing setup counts as left behind: a live replica queues it a few
 * milliseconds after storing the incident, with the declarer's reply, which a setup queued first would lose.
 */
export const SETUP_AFTER_MS = 30_000;

/** How long one finisher holds a declaration it is finishing; another looks again after it (the first may have died). */
export const FINISH_HOLD_S = 30;

/**
 * A declaration's host snapshot is taken only within the approval window after it, as a run left behind is:
 * after a long outage, the host as it is hours later is not the host the incident was declared on.
 */
const snapshotDue = (services: Services, incident: Incident): boolean => services.now() <= incident.declaredAt + services.policy.approvalTtlMinutes * 60_000;

/**
 * The declaration's host snapshot once its Slack setup is done, for a declarer cut off between queueing the setup
 * and asking for the snapshot (or one that did not ask: the next delivery of an alert that finished a recent
 * declaration). Asked for already, it is not asked for again.
 */
export async function catchUpSnapshot(services: Services, incident: Incident): Promise<void> {
  if (snapshotDue(services, incident)) await requestSnapshot(services, incident, 'declared');
}

/**
 * The steps of a declaration once its incident is stored. The clocks go first: a setup on its way then means
 * the clocks are scheduled, so finding the setup is enough to know that only the snapshot may be missing.
 */
export async function setUpDeclaration(services: Services, incident: Incident, how: { readonly origin?: SetupOrigin; readonly snapshot: boolean }): Promise<void> {
  await scheduleClocks(services, incident);
  await queueSetup(services, incident.id, how.origin);
  if (how.snapshot) await requestSnapshot(services, incident, 'declared');
}

export type Finishing =
  /** Its setup is queued, running or failed: the declaration got that far, and its clocks before it. */
  | { readonly kind: 'set up' }
  /** Too recent to tell from a declaration a live replica is finishing right now: look again at `again`. */
  | { readonly kind: 'too recent'; readonly again: number }
  /** Another finisher holds it: look again at `again`. */
  | { readonly kind: 'held'; readonly again: number }
  | { readonly kind: 'finished' };

/**
 * Finishes the declaration of an open incident that has no channel, when it was cut short before its setup
 * was queued; its host snapshot only while it is due.
 */
export async function finishDeclaration(services: Services, incident: Incident): Promise<Finishing> {
  const now = services.now();
  if (incident.declaredAt > now - SETUP_AFTER_MS) return { kind: 'too recent', again: incident.declaredAt + SETUP_AFTER_MS };
  if (await services.effects.has(setupJobId(incident.id))) return { kind: 'set up' };
  if (!(await services.once.claim(`finish-${incident.id}`, FINISH_HOLD_S))) return { kind: 'held', again: now + FINISH_HOLD_S * 1000 };
  await setUpDeclaration(services, incident, { snapshot: snapshotDue(services, incident) });
  return { kind: 'finished' };
}
