// A destructive command that needs a second person: who asks, what exactly, until when; Approve or Deny.
import type { Instant, UserId } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { ACTION, BLOCK } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { inlineCode, inlineMrkdwn, userRef } from '../mrkdwn.js';
import { actions, button, context, fallbackText, section } from './blocks.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';

export interface ApprovalRequestInput {
  /** What the Approve/Deny buttons carry back (the pending job or approval record id). */
  readonly approvalId: string;
  readonly commandId: string;
  readonly title: string;
  readonly requestedBy: UserId;
  readonly params: Readonly<Record<string, string>>;
  readonly expiresAt: Instant;
  readonly locale: Locale;
  readonly timeZone: string;
}

// The request's facts, shared with the decided version so the thread reads the same before and after.
export function approvalFacts(input: Omit<ApprovalRequestInput, 'approvalId' | 'expiresAt' | 'timeZone'>): string {
  const m = messages(input.locale).approval;
  const entries = Object.entries(input.params);
  const params =
    entries.length === 0
      ? m.noParams
      : entries.slice(0, 20).map(([k, v]) => inlineCode(`${k}=${v}`, 180)).join(' ');
  return `${m.requestBody(userRef(input.requestedBy), inlineMrkdwn(input.title, 300))} ${inlineCode(input.commandId, 200)}\n*${m.params}*: ${params}`;
}

export function approvalRequest(input: ApprovalRequestInput): SlackMessage {
  const m = messages(input.locale).approval;
  return {
    text: fallbackText(m.fallback(inlineMrkdwn(input.title, 300), m.requestTitle)),
    blocks: [
      section(`:lock: *${m.requestTitle}*\n${approvalFacts(input)}`),
      context([m.expires(slackDate(input.expiresAt, input.timeZone)), m.selfNote]),
      actions(
        [
          button({ text: m.approve, actionId: ACTION.approve, value: input.approvalId, style: 'primary' }),
          button({ text: m.deny, actionId: ACTION.deny, value: input.approvalId, style: 'danger' }),
        ],
        BLOCK.approvalActions,
      ),
    ],
  };
}
