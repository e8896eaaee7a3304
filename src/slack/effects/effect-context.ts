// What every Slack effect needs: the incident and its links, and the few Slack writes they all share.
import { createHash } from 'node:crypto';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { slaFor } from '../../domain/policy.js';
import { clocks, type Clocks } from '../../domain/sla.js';
import type { IncidentLinkKey, IncidentLinks, Links } from '../../app/links.js';
import type { Services } from '../../app/services.js';
import { createDisplayNames, type DisplayNames } from '../display-names.js';
import { SlackPlatformError, type SlackApi } from '../slack-api.js';
import type { SlackMessage } from '../views/view-types.js';

export type { Links } from '../../app/links.js';

export interface EffectContext {
  readonly services: Services;
  readonly slack: SlackApi;
  readonly botToken: string;
  /** A run's artifact as the worker host left it in Redis (absent once expired). */
  readArtifact(key: string): Promise<Buffer | undefined>;
  readonly view: { readonly locale: Locale; readonly timeZone: string };
  load(incidentId: string): Promise<{ incident: Incident; links: Links }>;
  link<K extends IncidentLinkKey>(incidentId: string, key: K, value: IncidentLinks[K]): Promise<void>;
  /** Posts a message (in a thread when `threadTs` is given) and returns its ts. */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<string>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /**
   * Tells one person something only they see: through their slash command's response_url (which works in
   * channels klaxon is not in), else as an ephemeral message. Best effort: a lost reply is logged, not retried.
   */
  tell(to: { readonly channel: string; readonly user: string; readonly responseUrl?: string }, message: SlackMessage): Promise<void>;
  clocksOf(incident: Incident): Clocks;
  /** A person's display name from Slack (cached), undefined when Slack does not know them. */
  readonly displayName: DisplayNames;
}

/** What a message looked like when last shown, so an unchanged message is not sent again. */
export const digestOf = (message: SlackMessage): string => createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32);

/** The incident channel; effects that write into it fail (and retry) until setup has created it. */
export function requireChannel(links: Links, incidentId: string): string {
  const channel = links['channel'];
  if (!channel) throw new Error(`incident ${incidentId} has no channel yet`);
  return channel;
}

/** What the Slack effects need besides the use cases' services; the composition root provides it. */
export interface EffectDeps {
  readonly services: Services;
  readonly slack: SlackApi;
  readonly botToken: string;
  readonly readArtifact: (key: string) => Promise<Buffer | undefined>;
}

export function createEffectContext({ services, slack, botToken, readArtifact }: EffectDeps): EffectContext {
  const { store, config } = services;
  return {
    services,
    slack,
    botToken,
    readArtifact,
    view: { locale: config.locale, timeZone: config.timeZone },
    async load(incidentId) {
      const incident = await store.get(incidentId);
      if (!incident) throw new Error(`incident ${incidentId} not found`);
      return { incident, links: await store.getLinks(incidentId) };
    },
    async link(incidentId, key, value) {
      await store.setLink(incidentId, key, value);
    },
    async post(channel, message, threadTs) {
      const answer = await slack.call<{ ts?: string }>('chat.postMessage', {
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return String(answer.ts);
    },
    async update(channel, ts, message) {
      try {
        await slack.call('chat.update', { channel, ts, text: message.text, blocks: message.blocks });
      } catch (error) {
        // An archived channel or a deleted message has nothing left to keep up to date.
        if (error instanceof SlackPlatformError && ['is_archived', 'message_not_found', 'channel_not_found'].includes(error.slackError)) return;
        throw error;
      }
    },
    async tell(to, message) {
      try {
        if (to.responseUrl) {
          const answer = await fetch(to.responseUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }),
            signal: AbortSignal.timeout(10_000),
          });
          if (answer.ok) return;
          services.logger.info({ status: answer.status }, 'response_url refused the reply (expired or used up); trying an ephemeral');
        }
        await slack.call('chat.postEphemeral', { channel: to.channel, user: to.user, text: message.text, blocks: message.blocks });
      } catch (error) {
        services.logger.warn({ channel: to.channel, user: to.user, err: (error as Error).message }, 'reply not delivered (klaxon is not in that channel)');
      }
    },
    clocksOf: (incident) => clocks(incident, services.now(), slaFor(services.policy, incident.severity)),
    displayName: createDisplayNames(slack, services.now),
  };
}
