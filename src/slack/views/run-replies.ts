// The ephemeral answers to a Run click or `/incident run`: queued, or waiting for a second person.
import type { RunDecision } from '../../app/request-run.js';
import type { CommandSpec } from '../../domain/catalogue.js';
import { pick, type Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn } from '../mrkdwn.js';
import { fallbackText, section } from './blocks.js';
import type { SlackMessage } from './view-types.js';

export function runQueuedReply(input: { readonly spec: CommandSpec; readonly host: string; readonly locale: Locale }): SlackMessage {
  const m = messages(input.locale).replies;
  const text = `:hourglass: ${m.runQueued(`*${inlineMrkdwn(pick(input.spec.title, input.locale), 300)}*`, inlineMrkdwn(input.host, 100))}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

export function approvalPending(input: { readonly spec: CommandSpec; readonly locale: Locale }): SlackMessage {
  const m = messages(input.locale).replies;
  const text = `:lock: ${m.approvalPending(`*${inlineMrkdwn(pick(input.spec.title, input.locale), 300)}*`)}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

/** A run's host has had workers but none is connected now: the run is kept and waits for one. */
export function noWorkerReply(input: { readonly host: string; readonly locale: Locale }): SlackMessage {
  const text = `:warning: ${messages(input.locale).replies.noWorkerNow(inlineMrkdwn(input.host, 100))}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

/** What the person who asked for a run is told once it was accepted. */
export function acceptedReply(decision: RunDecision, locale: Locale): SlackMessage {
  const reply = decision.state === 'needs_approval' ? approvalPending({ spec: decision.spec, locale }) : runQueuedReply({ spec: decision.spec, host: decision.run.host, locale });
  if (decision.workerOnline) return reply;
  const absent = noWorkerReply({ host: decision.run.host, locale });
  return { text: fallbackText(`${reply.text}\n${absent.text}`), blocks: [...reply.blocks, ...absent.blocks] };
}
