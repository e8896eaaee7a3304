// The follow-up transitions: record follow-ups (at any stage, after the close too: the work outlives the
// incident) and mark one done or open again.
import type { ActionItem, Actor, Incident } from './incident.js';
import { appendFollowUps, followUpId, isRealDate, followUpState, type FollowUpDraft, type FollowUpState } from './follow-up-items.js';
import { act, fail, type TransitionResult } from './lifecycle.js';
import { ok } from './result.js';

const OWNER = /^[UW][A-Z0-9]{2,40}$/;

// Writing down a measure or a plan is the evidence of its checklist item (事後対応).
const ticksOf = (drafts: readonly FollowUpDraft[]) => [
  ...(drafts.some((d) => d.kind === 'prevention') ? (['prevention'] as const) : []),
  ...(drafts.some((d) => d.kind === 'follow_up') ? (['improvement_plan'] as const) : []),
];

/** Records follow-ups at any stage, after the close too (the work outlives the incident). */
export function addFollowUps(incident: Incident, drafts: readonly FollowUpDraft[], actor: Actor): TransitionResult {
  return act(
    incident,
    actor,
    (current) => {
      // Drafts reach here from stored intents too: a malformed one is refused, never half-recorded.
      if (drafts.some((d) => !isRealDate(d.due) || !OWNER.test(d.owner))) return fail('usage', 'a follow-up needs an owner and a due day');
      const { items, events } = appendFollowUps(current.actionItems ?? [], drafts);
      if (events.length === 0) return fail('usage', 'the follow-up is empty');
      return ok({ incident: { ...current, actionItems: items }, events, ticks: ticksOf(drafts) });
    },
    { allowClosed: true },
  );
}

/** Marks a follow-up done, or open again. */
export function setFollowUpState(incident: Incident, itemId: string, state: FollowUpState, actor: Actor): TransitionResult {
  return act(
    incident,
    actor,
    (current) => {
      const items = current.actionItems ?? [];
      const index = items.findIndex((item, n) => followUpId(item, n) === itemId);
      const item = items[index];
      if (item === undefined) return fail('unknown_followup', `${current.id} has no follow-up ${itemId}`);
      if (followUpState(item) === state) return fail('no_change', `${itemId} is ${state} already`);
      const { done: _done, ...rest } = item;
      const next: ActionItem = state === 'done' ? { ...rest, id: itemId, done: { by: actor.by, at: actor.at } } : { ...rest, id: itemId };
      const actionItems = items.map((candidate, n) => (n === index ? next : candidate));
      return ok({ incident: { ...current, actionItems }, events: [{ type: 'followup_state', item: itemId, state }] });
    },
    { allowClosed: true },
  );
}

