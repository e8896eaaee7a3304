// Replaces an approval request once it is decided, so nobody can click a stale Approve.
import type { Instant, UserId } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import type { ApprovalDecision } from '../i18n/messages.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, section } from './blocks.js';
import { approvalFacts } from './approval-request.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';

export interface ApprovalDecidedInput {
  readonly commandId: string;
  readonly title: string;
  readonly requestedBy: UserId;
  readonly params: Readonly<Record<string, string>>;
  readonly decision: ApprovalDecision;
  /** Who approved or denied; absent when it expired. */
  readonly decidedBy?: UserId;
  readonly at: Instant;
  readonly locale: Locale;
  readonly timeZone: string;
}

const DECISION_EMOJI: Readonly<Record<ApprovalDecision, string>> = {
  approved: ':white_check_mark:',
  denied: ':no_entry:',
  expired: ':hourglass:',
};

export function approvalDecided(input: ApprovalDecidedInput): SlackMessage {
  const m = messages(input.locale).approval;
  const verdict = m.decided[input.decision](input.decidedBy === undefined ? '—' : userRef(input.decidedBy));
  return {
    text: fallbackText(m.fallback(inlineMrkdwn(input.title, 300), verdict)),
    blocks: [
      section(`${DECISION_EMOJI[input.decision]} *${verdict}*\n${approvalFacts(input)}`),
      context([slackDate(input.at, input.timeZone)]),
    ],
  };
}
