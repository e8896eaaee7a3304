// What people may do to the §12.1 checklist: tick, untick, override evidence with a reason. Evidence ticks
// themselves (see evidenceFor) and never untick a person's tick.
import type { ChecklistItemId } from './checklist.js';
import type { Actor, Incident } from './incident.js';
import { isAutomaticActor } from './actors.js';
import { act, type DomainError, type TransitionResult } from './lifecycle.js';
import { err, ok } from './result.js';

export { emptyChecklist, evidenceFor, type TicksFor } from './checklist.js';

const refuse = (code: DomainError['code'], message: string): TransitionResult => err({ code, message });

/**
 * Sets an item by hand. Unticking an item that evidence ticked needs a reason; ticking may carry one
 * (a tick without evidence, explained). Setting an item to what it is already is `no_change`.
 * @example setItem(incident, 'interim_report', false, actor, 'that update was not the interim report')
 */
export function setItem(incident: Incident, item: ChecklistItemId, done: boolean, actor: Actor, reason?: string): TransitionResult {
  const why = reason?.trim() ? reason.trim() : undefined;
  return act(
    incident,
    actor,
    (current) => {
      if (isAutomaticActor(actor.by)) return refuse('not_a_person', 'only a person ticks the checklist by hand');
      const entry = current.checklist[item];
      if (entry.done === done) return refuse('no_change', `${item} is ${done ? 'done' : 'open'} already`);
      if (!done && entry.auto === true && why === undefined) return refuse('reason_required', `${item} was ticked by evidence: say why you untick it`);
      const next = done
        ? { done: true, by: actor.by, at: actor.at, ...(why === undefined ? {} : { reason: why }) }
        : { done: false, by: actor.by, at: actor.at, ...(why === undefined ? {} : { reason: why }) };
      return ok({
        incident: { ...current, checklist: { ...current.checklist, [item]: next } },
        events: [
          done
            ? { type: 'checklist_ticked' as const, item, auto: false, ...(why === undefined ? {} : { reason: why }) }
            : { type: 'checklist_unticked' as const, item, ...(why === undefined ? {} : { reason: why }) },
        ],
      });
    },
    { acknowledges: true },
  );
}

// A checklist button click: flips the item (an evidence tick cannot be flipped off without a reason).
export function toggleItem(incident: Incident, item: ChecklistItemId, actor: Actor): TransitionResult {
  return setItem(incident, item, !incident.checklist[item].done, actor);
}
