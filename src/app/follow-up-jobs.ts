// Follow-ups after they are written down: a card per follow-up in the incident channel (its button marks it
// done), and a reminder to its owner on the morning of its due day. The reminder is a delayed job whose id
// names the incident, the follow-up and the due day, so every replica and every re-scheduling adds it once;
// when it fires it re-reads the follow-up and reminds only when it is still open and still due that day.
import { followUpId, followUpState, reminderAt } from '../domain/follow-up-items.js';
import type { Incident } from '../domain/incident.js';
import type { PlannedJob } from './ports.js';
import type { Services } from './services.js';

export const followUpJobId = (incidentId: string, item: string, due: string): string => `followup-${incidentId}-${item}-${due}`;
/** The link under which a delivered reminder's message is saved: present means it was posted. */
export const followUpRemindedLink = (item: string, due: string): `followup-reminded:${string}` => `followup-reminded:${item}:${due}`;
/** The link of a follow-up's card in the incident channel. */
export const followUpCardLink = (item: string): `followup:${string}` => `followup:${item}`;

/** A reminder for every open follow-up with an owner and a due day. */
export function planFollowUpReminders(incident: Incident, timeZone: string): PlannedJob[] {
  return (incident.actionItems ?? []).flatMap((item, n): PlannedJob[] => {
    const id = followUpId(item, n);
    if (followUpState(item) !== 'open' || item.owner === undefined || item.due === undefined) return [];
    return [{ job: { name: 'followup', data: { incidentId: incident.id, item: id, due: item.due } }, jobId: followUpJobId(incident.id, id, item.due), dueAt: reminderAt(item.due, timeZone) }];
  });
}

/**
 * After a transition: the cards follow the record (one sync per version; it updates only cards that changed),
 * and every open follow-up has its reminder.
 */
export async function scheduleFollowUps(services: Services, incident: Incident): Promise<void> {
  if ((incident.actionItems ?? []).length === 0) return;
  await services.effects.enqueue({ name: 'followups', data: { incidentId: incident.id } }, `followups-${incident.id}-v${incident.version}`);
  await services.clockJobs.add(planFollowUpReminders(incident, services.config.timeZone));
}

/** Start-up: the reminders of recent incidents again, so none depends on a job added before a crash. */
export async function rescheduleFollowUps(services: Services, recent = 1000): Promise<number> {
  let jobs = 0;
  for (const incident of await services.store.listRecent(recent)) {
    const planned = planFollowUpReminders(incident, services.config.timeZone);
    jobs += planned.length;
    await services.clockJobs.add(planned);
  }
  return jobs;
}

export type ReminderOutcome =
  | { readonly kind: 'reminded'; readonly item: string }
  | { readonly kind: 'skipped'; readonly why: 'gone' | 'delivered' | 'stale' };

/** A fired reminder: the owner is told once, if the follow-up is still open and due that day. */
export async function remindFollowUp(services: Services, data: { readonly incidentId: string; readonly item: string; readonly due: string }): Promise<ReminderOutcome> {
  const incident = await services.store.get(data.incidentId);
  if (!incident) return { kind: 'skipped', why: 'gone' };
  const items = incident.actionItems ?? [];
  const item = items.find((candidate, n) => followUpId(candidate, n) === data.item);
  if (!item || followUpState(item) !== 'open' || item.due !== data.due || item.owner === undefined) return { kind: 'skipped', why: 'stale' };
  const saveAs = followUpRemindedLink(data.item, data.due);
  if ((await services.store.getLinks(data.incidentId))[saveAs]) return { kind: 'skipped', why: 'delivered' };
  await services.effects.enqueue({ name: 'followup-reminder', data: { ...data, saveAs } }, `post-${followUpJobId(data.incidentId, data.item, data.due)}`);
  return { kind: 'reminded', item: data.item };
}
