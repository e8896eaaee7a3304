// A follow-up in the incident channel: its text, owner, due day and state, with the button that changes the
// state; and the reminder that mentions its owner on the due day (with the same button).
import type { ActionItem } from '../../domain/incident.js';
import { followUpState } from '../../domain/follow-up-items.js';
import type { Locale } from '../../domain/locale.js';
import { ACTION } from '../ids.js';
import { inlineMrkdwn, userRef } from '../mrkdwn.js';
import { actions, button, context, fallbackText, section } from './blocks.js';
import { followUpWords } from './follow-up-words.js';
import type { SlackMessage } from './view-types.js';

export interface FollowUpCardInput {
  readonly id: string;
  readonly item: ActionItem;
  readonly locale: Locale;
}

function stateButton(id: string, item: ActionItem, locale: Locale) {
  const w = followUpWords(locale);
  return followUpState(item) === 'open'
    ? button({ text: w.markDone, actionId: ACTION.followUpDone, value: id, style: 'primary' })
    : button({ text: w.reopen, actionId: ACTION.followUpReopen, value: id });
}

export function followUpCard({ id, item, locale }: FollowUpCardInput): SlackMessage {
  const w = followUpWords(locale);
  const state = followUpState(item);
  const owner = item.owner === undefined ? '—' : userRef(item.owner);
  const due = item.due ?? '—';
  const done = item.done === undefined ? [] : [context([w.doneBy(userRef(item.done.by))])];
  return {
    text: fallbackText(w.fallback(id, item.text)),
    blocks: [
      section(`${state === 'done' ? ':white_check_mark:' : ':memo:'} ${inlineMrkdwn(item.text, 2000, { mentions: true })}`),
      context([w.card(id, owner, due, w.state[state])]),
      ...done,
      actions([stateButton(id, item, locale)]),
    ],
  };
}

export function followUpReminder(input: FollowUpCardInput & { readonly incident: string }): SlackMessage {
  const w = followUpWords(input.locale);
  const owner = input.item.owner === undefined ? '—' : userRef(input.item.owner);
  const card = followUpCard(input);
  const text = w.reminder(owner, input.id, inlineMrkdwn(input.incident, 200));
  return { text: fallbackText(text), blocks: [section(text), ...card.blocks] };
}
