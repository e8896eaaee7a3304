// Short bot replies that are not part of a bigger view: where a declared incident lives, a refused run.
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { inlineMrkdwn } from '../mrkdwn.js';
import { fallbackText, section } from './blocks.js';
import type { SlackMessage } from './view-types.js';

const TEXT = {
  en: {
    declared: (id: string, title: string, channel: string) => `${id} declared: ${title}. Follow it in <#${channel}>.`,
    refused: (title: string, host: string, reason: string) => `:no_entry: ${title} on ${host} was refused: ${reason}`,
  },
  ja: {
    declared: (id: string, title: string, channel: string) => `${id} を宣言しました: ${title}。対応は <#${channel}> で。`,
    refused: (title: string, host: string, reason: string) => `:no_entry: ${host} での「${title}」は拒否されました: ${reason}`,
  },
} as const satisfies Record<Locale, unknown>;

export function declaredReply(input: { readonly incident: Incident; readonly channelId: string; readonly locale: Locale }): SlackMessage {
  const text = TEXT[input.locale].declared(input.incident.id, inlineMrkdwn(input.incident.title, 150), input.channelId);
  return { text: fallbackText(text), blocks: [section(text)] };
}

export function runRefused(input: { readonly title: string; readonly host: string; readonly reason: string; readonly locale: Locale }): SlackMessage {
  const text = TEXT[input.locale].refused(inlineMrkdwn(input.title, 200), inlineMrkdwn(input.host, 64), inlineMrkdwn(input.reason, 500));
  return { text: fallbackText(text), blocks: [section(text)] };
}
