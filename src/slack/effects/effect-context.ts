// What every Slack effect needs: the incident and its links, and the few Slack writes they all share.
import { createHash, randomUUID } from 'node:crypto';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { slaFor } from '../../domain/policy.js';
import { clocks, type Clocks } from '../../domain/sla.js';
import type { IncidentLinkKey, IncidentLinks, Links } from '../../app/links.js';
import { EffectNotReadyError, type EffectRun } from '../../app/ports.js';
import type { Services } from '../../app/services.js';

export type { EffectRun };
import { createDisplayNames, type DisplayNames } from '../display-names.js';
import { effectMetadata, SlackPlatformError, type SlackApi } from '../slack-api.js';
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
  /**
   * Posts a message (in a thread when `threadTs` is given) and returns its ts. The message carries its effect
   * key (`key`: what it is, e.g. `inc-1/header`; by default this job's one post) as Slack message metadata,
   * so a retry after a lost answer finds it instead of posting it twice.
   */
  post(channel: string, message: SlackMessage, threadTs?: string, key?: string): Promise<string>;
  /** As `post`, also answering the channel's id (Slack names it by id even when it was given by name). */
  postMessage(channel: string, message: SlackMessage, options?: { readonly threadTs?: string | undefined; readonly key?: string }): Promise<{ channel: string; ts: string }>;
  /**
   * Posts a message that must exist once (a run's thread root, its result, a summary) and keeps where it is with
   * `save`. A bot runs one incident's effects one at a time, but two replicas may each run one of them and both
   * find it not posted yet: the first to claim `key` posts; the other fails, so its retry finds what was saved.
   * `key` is also the message's effect key, so the claimant's own retry finds a post whose answer it lost.
   */
  postOnce(channel: string, message: SlackMessage, once: PostOnce): Promise<{ channel: string; ts: string }>;
  /**
   * Uploads files and shares them in one message (in a thread when `threadTs` is given); returns their ids, in
   * order. `reserve` gets the ids before Slack is asked to share them, so that a retry after a lost answer or a
   * crash can ask Slack whether they were (`slack.uploadCompleted`) instead of sharing them again.
   */
  upload(request: UploadRequest): Promise<string[]>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /**
   * Tells one person something only they see: through their slash command's response_url (which works in
   * channels klaxon is not in), else as an ephemeral message. Best effort: a lost reply is logged, not retried.
   */
  tell(to: { readonly channel: string; readonly user: string; readonly responseUrl?: string }, message: SlackMessage): Promise<void>;
  clocksOf(incident: Incident): Clocks;
  /** A user group's members, asked of Slack at most once a minute per group (usergroups.users.list is Tier 2). */
  membersOf(usergroup: string): Promise<readonly string[]>;
  /** A person's display name from Slack (cached), undefined when Slack does not know them. */
  readonly displayName: DisplayNames;
}

export interface PostOnce {
  readonly key: string;
  readonly threadTs?: string | undefined;
  save(posted: { readonly channel: string; readonly ts: string }): Promise<void>;
}

/** Posts a message of an incident once, across replicas, saved as its link `link`; answers its ts. */
export async function postLinked(ctx: EffectContext, incidentId: string, link: IncidentLinkKey, channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
  const posted = await ctx.postOnce(channel, message, { key: `${incidentId}/${link}`, threadTs, save: ({ ts }) => ctx.link(incidentId, link, ts) });
  return posted.ts;
}

export interface UploadRequest {
  readonly channel: string;
  readonly threadTs?: string;
  readonly files: readonly { readonly filename: string; readonly title?: string; readonly content: Buffer }[];
  readonly reserve?: (fileIds: readonly string[]) => Promise<void>;
}

/** What a message looked like when last shown, so an unchanged message is not sent again. */
export const digestOf = (message: SlackMessage): string => createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32);

/** The incident channel; effects that write into it fail (and retry) until setup has created it. */
export function requireChannel(links: Links, incidentId: string): string {
  const channel = links['channel'];
  if (!channel) throw new EffectNotReadyError(`incident ${incidentId} has no channel yet`);
  return channel;
}

/** What the Slack effects need besides the use cases' services; the composition root provides it. */
export interface EffectDeps {
  readonly services: Services;
  readonly slack: SlackApi;
  readonly botToken: string;
  readonly readArtifact: (key: string) => Promise<Buffer | undefined>;
  /** Group members as last read, shared by the jobs of one processor (an alert storm sets up many incidents at once). */
  readonly groupCache?: Map<string, { readonly at: number; readonly users: Promise<readonly string[]> }>;
}

const GROUP_MEMBERS_TTL_MS = 60_000;
// How long a replica may take to post a message it claimed before another may try (a crashed one never finishes).
const POST_CLAIM_S = 60;

export function createEffectContext({ services, slack, botToken, readArtifact, groupCache = new Map() }: EffectDeps, run: EffectRun = { attempt: 1 }): EffectContext {
  const { store, config } = services;
  // Without a job (a direct call), the key still covers the retries inside the call.
  const jobKey = run.jobId === undefined ? `once:${randomUUID()}` : `job:${run.jobId}`;
  async function postMessage(channel: string, message: SlackMessage, options: { readonly threadTs?: string | undefined; readonly key?: string } = {}) {
    const key = options.key ?? jobKey;
    const threadTs = options.threadTs;
    if (run.attempt > 1) {
      // An earlier try may have posted and then lost the answer (or crashed before recording it).
      const found = await slack.findPosted({ channel, threadTs, key }).catch((error: unknown) => {
        if (error instanceof SlackPlatformError) return undefined;
        throw error;
      });
      if (found !== undefined) return { channel, ts: found };
    }
    const answer = await slack.chat.postMessage({
      channel,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      unfurl_links: false,
      metadata: effectMetadata(key),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return { channel: String(answer.channel ?? channel), ts: String(answer.ts) };
  }
  return {
    services,
    slack,
    botToken,
    readArtifact,
    view: { locale: config.locale, timeZone: config.timeZone },
    async load(incidentId) {
      // One round trip instead of two: every effect starts here.
      const [incident, links] = await Promise.all([store.get(incidentId), store.getLinks(incidentId)]);
      if (!incident) throw new Error(`incident ${incidentId} not found`);
      return { incident, links };
    },
    async link(incidentId, key, value) {
      await store.setLink(incidentId, key, value);
    },
    async post(channel, message, threadTs, key) {
      return (await postMessage(channel, message, { threadTs, ...(key ? { key } : {}) })).ts;
    },
    postMessage,
    async postOnce(channel, message, { key, threadTs, save }) {
      const holder = await services.once.hold(`post-${key}`, jobKey, POST_CLAIM_S);
      if (holder !== jobKey) throw new EffectNotReadyError(`${key} is being posted by another replica`);
      const posted = await postMessage(channel, message, { threadTs, key });
      await save(posted);
      return posted;
    },
    async upload({ channel, threadTs, files, reserve }) {
      if (files.length === 0) return [];
      const uploads = await Promise.all(
        files.map(async (file) => {
          const answer = await slack.files.getUploadURLExternal({ filename: file.filename, length: file.content.length });
          return { id: String(answer.file_id), url: String(answer.upload_url), file };
        }),
      );
      await reserve?.(uploads.map((u) => u.id));
      await Promise.all(uploads.map((u) => slack.uploadBytes(u.url, u.file.content)));
      const [first, ...rest] = uploads.map((u) => ({ id: u.id, title: u.file.title ?? u.file.filename }));
      if (first === undefined) return [];
      await slack.files.completeUploadExternal({
        files: [first, ...rest],
        channel_id: channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return uploads.map((u) => u.id);
    },
    async update(channel, ts, message) {
      try {
        await slack.chat.update({ channel, ts, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
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
        await slack.chat.postEphemeral({ channel: to.channel, user: to.user, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
      } catch (error) {
        services.logger.warn({ channel: to.channel, user: to.user, err: (error as Error).message }, 'reply not delivered (klaxon is not in that channel)');
      }
    },
    membersOf(usergroup) {
      const cached = groupCache.get(usergroup);
      if (cached && services.now() - cached.at < GROUP_MEMBERS_TTL_MS) return cached.users;
      const users = slack.usergroups.users.list({ usergroup }).then((answer) => (answer.users ?? []).map(String));
      groupCache.set(usergroup, { at: services.now(), users });
      // A failed read is not kept: the next job asks again.
      users.catch(() => groupCache.delete(usergroup));
      return users;
    },
    clocksOf: (incident) => clocks(incident, services.now(), slaFor(services.policy, incident.severity)),
    displayName: createDisplayNames(slack, services.now),
  };
}
