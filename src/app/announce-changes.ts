// The changes everyone must see, whoever made them and however (command, button, menu, modal, the fold of
// another replica): a severity change, the recovery, the close and a reopen are told in the incident channel
// and to the stakeholders. One job per timeline event (its id is the idempotency key), one post per place.
import type { TimelineEvent } from '../domain/timeline.js';
import type { ChangeEvent } from './ports.js';
import type { Services } from './services.js';

const ANNOUNCED: ReadonlySet<TimelineEvent['type']> = new Set(['severity_changed', 'resolved', 'closed', 'reopened']);

export const isAnnounced = (event: TimelineEvent): event is ChangeEvent => ANNOUNCED.has(event.type);

export async function announceChanges(services: Services, events: readonly TimelineEvent[]): Promise<void> {
  for (const event of events.filter(isAnnounced)) {
    await services.effects.enqueue({ name: 'change', data: { incidentId: event.incidentId, event } }, `change-${event.id.replace(/:/g, '-')}`);
  }
}
