// Follow-ups: the incident's action items (再発防止策 / 改善計画) as tracked work. Each has an id (`F1`…), an
// owner, a due day in the team's zone and a state, open until someone marks it done; its owner is reminded
// on the morning of the due day. Items are only ever appended, so an item's position gives its id.
import { TZDate } from '@date-fns/tz';
import type { ActionItem, Incident, Instant, UserId } from './incident.js';
import { err, ok, type Result } from './result.js';
import type { TimelineEventBody } from './timeline.js';
import { formatInstant } from './time.js';

export type FollowUpState = 'open' | 'done';
export type FollowUpKind = ActionItem['kind'];

/** When a follow-up typed without a due day is due: a week gives the owner a working week. */
export const DEFAULT_DUE_DAYS = 7;
/** The reminder goes out at this hour of the due day, in the team's zone. */
export const REMINDER_HOUR = 9;
export const FOLLOW_UP_TEXT_MAX = 500;

/** A follow-up as typed, before it has an id. */
export interface FollowUpDraft {
  readonly kind: FollowUpKind;
  readonly text: string;
  readonly owner: UserId;
  /** `yyyy-MM-dd`. */
  readonly due: string;
}

export type FollowUpParseError =
  | { readonly reason: 'missing_text' }
  | { readonly reason: 'too_long'; readonly max: number }
  | { readonly reason: 'bad_due'; readonly input: string };

const MENTION = /^<@([UW][A-Z0-9]{2,40})>$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const IN_DAYS = /^\+(\d{1,3})d$/;

export const followUpId = (item: ActionItem, index: number): string => item.id ?? `F${index + 1}`;
export const followUpState = (item: ActionItem): FollowUpState => (item.done === undefined ? 'open' : 'done');

/** The day `days` after `isoDate` (calendar arithmetic, no zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const nonBlank = (text: string): boolean => text.trim().length > 0;
export const isRealDate = (text: string): boolean => DATE.test(text) && addDays(text, 0) === text;

/** Today in the team's zone, `yyyy-MM-dd`. */
export const teamDay = (at: Instant, timeZone: string): string => formatInstant(at, timeZone, 'yyyy-MM-dd');

/** The instant the owner is reminded: REMINDER_HOUR on the due day in the team's zone. */
export function reminderAt(due: string, timeZone: string): Instant {
  const [y = 0, m = 1, d = 1] = due.split('-').map(Number);
  return new TZDate(y, m - 1, d, REMINDER_HOUR, 0, 0, timeZone).getTime();
}

/**
 * `<text> [@owner] [due]` as typed (owner and due in either order at the end; due `yyyy-MM-dd` or `+Nd`).
 * Without an owner it is the person's own; without a due day it is due in a week. A due day before today is refused.
 * @example parseFollowUp('Add a CI check <@U0L3DEV> 2026-03-20', { by: 'U1', today: '2026-03-10', kind: 'follow_up' }) //=> ok({ text: 'Add a CI check', owner: 'U0L3DEV', due: '2026-03-20', … })
 */
export function parseFollowUp(
  typed: string,
  context: { readonly by: UserId; readonly today: string; readonly kind: FollowUpKind },
): Result<FollowUpDraft, FollowUpParseError> {
  const words = typed.trim().split(/\s+/).filter(Boolean);
  let owner: UserId | undefined;
  let due: string | undefined;
  for (let taken = 0; taken < 2 && words.length > 0; taken++) {
    const last = words[words.length - 1] ?? '';
    const mention = MENTION.exec(last);
    const days = IN_DAYS.exec(last);
    if (mention && owner === undefined) owner = mention[1];
    else if (days && due === undefined) due = addDays(context.today, Number(days[1]));
    else if (DATE.test(last) && due === undefined) {
      if (!isRealDate(last) || last < context.today) return err({ reason: 'bad_due', input: last });
      due = last;
    } else break;
    words.pop();
  }
  const text = words.join(' ');
  if (!nonBlank(text)) return err({ reason: 'missing_text' });
  if (text.length > FOLLOW_UP_TEXT_MAX) return err({ reason: 'too_long', max: FOLLOW_UP_TEXT_MAX });
  return ok({ kind: context.kind, text, owner: owner ?? context.by, due: due ?? addDays(context.today, DEFAULT_DUE_DAYS) });
}

/** Items appended after the existing ones, with their ids and the events that record them. */
export function appendFollowUps(
  existing: readonly ActionItem[],
  drafts: readonly FollowUpDraft[],
): { readonly items: readonly ActionItem[]; readonly events: readonly TimelineEventBody[] } {
  const added = drafts
    .filter((draft) => nonBlank(draft.text))
    .map((draft, n): ActionItem => ({ kind: draft.kind, text: draft.text.trim(), owner: draft.owner, due: draft.due, id: `F${existing.length + n + 1}` }));
  const events = added.map(
    (item): TimelineEventBody => ({ type: 'followup_added', item: item.id ?? '', kind: item.kind, text: item.text, owner: item.owner ?? '', due: item.due ?? '' }),
  );
  return { items: [...existing, ...added], events };
}

/** One follow-up with its incident, as listed and exported. */
export interface FollowUpRow {
  readonly incidentId: string;
  readonly incidentTitle: string;
  /** Whether its incident is private: its title and details are for the people inside it. */
  readonly private: boolean;
  readonly severity: Incident['severity'];
  readonly id: string;
  readonly kind: FollowUpKind;
  readonly text: string;
  readonly owner?: UserId;
  readonly due?: string;
  readonly state: FollowUpState;
  readonly doneAt?: Instant;
}

/** Every follow-up of the incidents, oldest incident first, in the order recorded. */
export function followUpRows(incidents: readonly Incident[]): FollowUpRow[] {
  return [...incidents]
    .sort((a, b) => a.declaredAt - b.declaredAt)
    .flatMap((incident) =>
      (incident.actionItems ?? []).map((item, n): FollowUpRow => ({
        incidentId: incident.id,
        incidentTitle: incident.title,
        private: incident.private === true,
        severity: incident.severity,
        id: followUpId(item, n),
        kind: item.kind,
        text: item.text,
        ...(item.owner === undefined ? {} : { owner: item.owner }),
        ...(item.due === undefined ? {} : { due: item.due }),
        state: followUpState(item),
        ...(item.done === undefined ? {} : { doneAt: item.done.at }),
      })),
    );
}
