// A person's action as data: what the store appends to an incident's intent stream before the answer goes
// out, and what any replica later folds into the record. Data, not a closure, so that a replica that did
// not receive the request can still apply it after the one that did has died.
import { z } from 'zod';
import { CHECKLIST_ITEMS } from './checklist.js';
import { toggleItem } from './checklist-rules.js';
import { addFollowUps, setFollowUpState } from './follow-ups.js';
import { INCIDENT_ROLES, type Actor, type Incident } from './incident.js';
import { addNote, assignRole, changeSeverity } from './incident-records.js';
import { acknowledge, type TransitionResult } from './lifecycle.js';
import { SEVERITIES } from './severity.js';

const itemIds = CHECKLIST_ITEMS.map((item) => item.id) as [string, ...string[]];

const intentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), text: z.string() }),
  z.object({ kind: z.literal('toggle'), item: z.enum(itemIds) }),
  z.object({ kind: z.literal('severity'), severity: z.enum(SEVERITIES) }),
  z.object({ kind: z.literal('assign'), role: z.enum(INCIDENT_ROLES), user: z.string() }),
  z.object({ kind: z.literal('acknowledge') }),
  z.object({
    kind: z.literal('followup'),
    item: z.object({ kind: z.enum(['prevention', 'follow_up']), text: z.string(), owner: z.string(), due: z.string() }),
  }),
  z.object({ kind: z.literal('followup_state'), item: z.string(), state: z.enum(['open', 'done']) }),
]);

export type Intent = z.infer<typeof intentSchema>;

const recordedSchema = z.object({
  intent: intentSchema,
  actor: z.object({ by: z.string(), at: z.number(), key: z.string() }),
});

/** An intent with who asked, when, and the request's idempotency key. */
export interface RecordedIntent {
  readonly intent: Intent;
  readonly actor: Actor;
}

export const encodeIntent = (recorded: RecordedIntent): string => JSON.stringify(recorded);

/** Parses a stored intent; anything else is corrupt data, which throws. */
export const decodeIntent = (json: string): RecordedIntent => recordedSchema.parse(JSON.parse(json)) as RecordedIntent;

// The domain transition an intent stands for, applied to the incident as it is when the intent is folded.
export function applyIntent(incident: Incident, { intent, actor }: RecordedIntent): TransitionResult {
  switch (intent.kind) {
    case 'note':
      return addNote(incident, intent.text, actor);
    case 'toggle':
      return toggleItem(incident, intent.item as (typeof CHECKLIST_ITEMS)[number]['id'], actor);
    case 'severity':
      return changeSeverity(incident, intent.severity, actor);
    case 'assign':
      return assignRole(incident, intent.role, intent.user, actor);
    case 'acknowledge':
      return acknowledge(incident, actor);
    case 'followup':
      return addFollowUps(incident, [intent.item], actor);
    case 'followup_state':
      return setFollowUpState(incident, intent.item, intent.state, actor);
  }
}
