// The bot's effect processor: everything klaxon does to Slack happens here, from the klaxon-slack queue, one
// job at a time and in order. Each step records what it did as a link on the incident, so a job retried after
// a crash or an outage picks up where it stopped instead of doing things twice.
import { createHash } from 'node:crypto';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Incident } from '../domain/incident.js';
import { recordJobFinished, recordJobStarted, recordStakeholdersNotified, recordVerification } from '../domain/lifecycle.js';
import { playbooksFor } from '../domain/playbook.js';
import { respondersFor, slaFor } from '../domain/policy.js';
import { clocks } from '../domain/sla.js';
import { apply } from '../app/apply.js';
import { deliverReport } from '../report/deliver-report.js';
import type { Services } from '../app/services.js';
import { channelName } from '../slack/channel-name.js';
import { SlackPlatformError, type SlackApi } from '../slack/slack-api.js';
import { uploadFiles } from '../slack/upload-file.js';
import { messages } from '../slack/i18n/messages.js';
import { announcement } from '../slack/views/announcement.js';
import { section } from '../slack/views/blocks.js';
import { checklistMessage } from '../slack/views/checklist-message.js';
import { incidentHeader } from '../slack/views/incident-header.js';
import { playbookOffer } from '../slack/views/playbook-offer.js';
import { declaredReply, runRefused } from '../slack/views/bot-replies.js';
import { runOutcomeUnknown } from '../slack/views/run-outcome-unknown.js';
import { runProgress } from '../slack/views/run-progress.js';
import { runResult } from '../slack/views/run-result.js';
import type { SlackMessage } from '../slack/views/view-types.js';
import { bullPrefix, SLACK_QUEUE, type RunEvent, type SlackJob } from './queues.js';

export interface SlackEffectsOptions {
  readonly connection: ConnectionOptions;
  readonly services: Services;
  readonly slack: SlackApi;
  readonly botToken: string;
}

type Links = Record<string, string>;

const digestOf = (message: SlackMessage): string => createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32);

export function startSlackEffects(options: SlackEffectsOptions): Worker {
  const { services, slack } = options;
  const { store, config, logger } = services;
  const view = { locale: config.locale, timeZone: config.timeZone };

  async function load(incidentId: string): Promise<{ incident: Incident; links: Links }> {
    const incident = await store.get(incidentId);
    if (!incident) throw new Error(`incident ${incidentId} not found`);
    return { incident, links: await store.getLinks(incidentId) };
  }
  const link = async (incidentId: string, key: string, value: string) => {
    await store.setLink(incidentId, key, value);
  };
  const post = async (channel: string, message: SlackMessage, threadTs?: string): Promise<string> => {
    const answer = await slack.call<{ ts?: string }>('chat.postMessage', {
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return String(answer.ts);
  };
  const update = async (channel: string, ts: string, message: SlackMessage): Promise<void> => {
    try {
      await slack.call('chat.update', { channel, ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      // An archived channel or a deleted message has nothing left to keep up to date.
      if (error instanceof SlackPlatformError && ['is_archived', 'message_not_found', 'channel_not_found'].includes(error.slackError)) return;
      throw error;
    }
  };
  const clocksOf = (incident: Incident) => clocks(incident, services.now(), slaFor(services.policy, incident.severity));

  async function createChannel(incident: Incident): Promise<string> {
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const name = channelName(incident, config.timeZone, attempt);
      try {
        const created = await slack.call<{ channel?: { id?: string } }>('conversations.create', { name, is_private: false });
        const id = String(created.channel?.id);
        await link(incident.id, 'channel', id);
        await link(incident.id, 'channelName', name);
        return id;
      } catch (error) {
        if (error instanceof SlackPlatformError && error.slackError === 'name_taken') continue;
        throw error;
      }
    }
    throw new Error(`no free channel name for ${incident.id}`);
  }

  async function responders(incident: Incident): Promise<string[]> {
    const users = new Set<string>();
    if (!incident.declaredBy.startsWith('alert:') && incident.declaredBy !== 'klaxon') users.add(incident.declaredBy);
    for (const member of respondersFor(services.policy, incident.severity)) {
      const ref = 'user' in member ? member.user : member.usergroup;
      if ('usergroup' in member) {
        try {
          const group = await slack.call<{ users?: string[] }>('usergroups.users.list', { usergroup: ref });
          for (const user of group.users ?? []) users.add(user);
        } catch (error) {
          logger.warn({ usergroup: ref, err: (error as Error).message }, 'could not expand user group');
        }
      } else {
        users.add(ref);
      }
    }
    return [...users];
  }

  async function setup(incidentId: string, origin?: { channel: string; user: string }): Promise<void> {
    const { incident, links } = await load(incidentId);
    const channel = links['channel'] ?? (await createChannel(incident));
    if (!links['invited']) {
      for (const user of await responders(incident)) {
        try {
          await slack.call('conversations.invite', { channel, users: user });
        } catch (error) {
          const known = error instanceof SlackPlatformError && ['already_in_channel', 'cant_invite_self', 'user_not_found'].includes(error.slackError);
          if (!known) throw error;
        }
      }
      await link(incidentId, 'invited', '1');
    }
    if (!links['topic']) {
      const topic = `${incident.severity.toUpperCase()} · ${incident.title}`.slice(0, 250);
      await slack.call('conversations.setTopic', { channel, topic });
      await link(incidentId, 'topic', '1');
    }
    if (!links['header']) {
      const header = incidentHeader({ incident, clocks: clocksOf(incident), ...view });
      const ts = await post(channel, header);
      await link(incidentId, 'header', ts);
      await link(incidentId, 'shown:header', digestOf(header));
      try {
        await slack.call('pins.add', { channel, timestamp: ts });
      } catch (error) {
        if (!(error instanceof SlackPlatformError && error.slackError === 'already_pinned')) throw error;
      }
    }
    if (!links['checklist']) {
      const checklist = checklistMessage({ incident, ...view });
      await link(incidentId, 'checklist', await post(channel, checklist));
      await link(incidentId, 'shown:checklist', digestOf(checklist));
    }
    if (!links['playbooks']) {
      const offer = playbookOffer({ playbooks: playbooksFor(services.playbooks, incident.severity), severity: incident.severity, locale: view.locale });
      await link(incidentId, 'playbooks', await post(channel, offer));
    }
    if (config.stakeholderChannel && !links['announcement']) {
      const stakeholders = links['stakeholderChannel'] ?? config.stakeholderChannel;
      const message = announcement({ incident, channelId: channel, ...view });
      const answer = await slack.call<{ ts?: string; channel?: string }>('chat.postMessage', { channel: stakeholders, ...message });
      await link(incidentId, 'stakeholderChannel', String(answer.channel ?? stakeholders));
      await link(incidentId, 'announcement', String(answer.ts));
      await link(incidentId, 'shown:announcement', digestOf(message));
      await apply(services, incidentId, (i) => recordStakeholdersNotified(i, { by: 'klaxon', at: services.now(), key: `notified-${incidentId}` }), `notified-${incidentId}`);
    }
    if (origin && origin.channel !== channel && !links['replied']) {
      try {
        await slack.call('chat.postEphemeral', { channel: origin.channel, user: origin.user, ...declaredReply({ incident, channelId: channel, locale: view.locale }) });
      } catch (error) {
        logger.debug({ err: (error as Error).message }, 'declared reply not delivered (bot not in that channel)');
      }
      await link(incidentId, 'replied', '1');
    }
  }

  // Escalation: the level's people and user-group members join the channel (already there is fine).
  async function invite(data: Extract<SlackJob, { name: 'invite' }>['data']): Promise<void> {
    const { links } = await load(data.incidentId);
    const channel = links['channel'];
    if (!channel) throw new Error(`incident ${data.incidentId} has no channel yet`);
    const users = new Set<string>();
    for (const member of data.members) {
      if (!member.startsWith('S')) {
        users.add(member);
        continue;
      }
      try {
        const group = await slack.call<{ users?: string[] }>('usergroups.users.list', { usergroup: member });
        for (const user of group.users ?? []) users.add(user);
      } catch (error) {
        logger.warn({ usergroup: member, err: (error as Error).message }, 'could not expand user group');
      }
    }
    for (const user of users) {
      try {
        await slack.call('conversations.invite', { channel, users: user });
      } catch (error) {
        const known = error instanceof SlackPlatformError && ['already_in_channel', 'cant_invite_self', 'user_not_found'].includes(error.slackError);
        if (!known) throw error;
      }
    }
  }

  async function render(incidentId: string): Promise<void> {
    const { incident, links } = await load(incidentId);
    const channel = links['channel'];
    if (!channel) return; // setup has not run yet; it renders the current state itself
    // chat.update is Tier 3: a message whose content did not change is not sent again.
    const refresh = async (part: string, target: string, ts: string | undefined, message: SlackMessage) => {
      if (!ts) return;
      const digest = digestOf(message);
      if (links[`shown:${part}`] === digest) return;
      await update(target, ts, message);
      await link(incidentId, `shown:${part}`, digest);
    };
    await refresh('header', channel, links['header'], incidentHeader({ incident, clocks: clocksOf(incident), ...view }));
    await refresh('checklist', channel, links['checklist'], checklistMessage({ incident, ...view }));
    if (links['stakeholderChannel']) {
      const latest = links['latestUpdate'] ? (JSON.parse(links['latestUpdate']) as { text: string; by: string; at: number }) : undefined;
      await refresh('announcement', links['stakeholderChannel'], links['announcement'], announcement({ incident, channelId: channel, ...view, ...(latest ? { latestUpdate: latest } : {}) }));
    }
  }

  async function postJob(data: Extract<SlackJob, { name: 'post' }>['data']): Promise<void> {
    const { links } = await load(data.incidentId);
    if (data.saveAs && links[data.saveAs]) return; // posted before a crash: do not post twice
    const channel = data.to === 'incident' ? links['channel'] : (links['stakeholderChannel'] ?? config.stakeholderChannel);
    if (!channel) {
      if (data.to === 'incident') throw new Error(`incident ${data.incidentId} has no channel yet`);
      return;
    }
    const threadTs = data.threadLink ? links[data.threadLink] : undefined;
    const ts = await post(channel, data.message as SlackMessage, threadTs);
    if (data.saveAs) await link(data.incidentId, data.saveAs, ts);
  }

  async function runEvent(event: RunEvent): Promise<void> {
    const { run } = event;
    const { links } = await load(run.incidentId);
    const channel = links['channel'];
    if (!channel) throw new Error(`incident ${run.incidentId} has no channel yet`);
    const rootKey = `run:${run.runId}`;
    let root = links[rootKey];
    const title = services.catalogue.find((c) => c.id === run.commandId)?.title;
    const base = { commandId: run.commandId, title: title ? title[view.locale] : run.commandId, host: run.host, locale: view.locale };
    const ensureRoot = async (message: SlackMessage) => {
      if (root) await update(channel, root, message);
      else {
        root = await post(channel, message);
        await link(run.incidentId, rootKey, root);
      }
      return root;
    };
    const actor = (suffix: string) => ({ by: 'klaxon', at: event.at, key: `${run.runId}-${suffix}` });
    switch (event.kind) {
      case 'started': {
        // A restart after a worker crash is a second start on the timeline, keyed by when it happened.
        const suffix = event.restarted ? `started-again-${event.at}` : 'started';
        await ensureRoot(runProgress({ ...base, state: 'started' }));
        await apply(services, run.incidentId, (i) => recordJobStarted(i, { jobId: run.runId, commandId: run.commandId, host: run.host }, actor(suffix)), `${run.runId}-${suffix}`);
        return;
      }
      case 'progress': {
        // Progress is fire-and-forget on the host and may arrive after the result: never undo a result.
        if (links[`run-result:${run.runId}`]) return;
        const thread = root ?? (await ensureRoot(runProgress({ ...base, state: 'started' })));
        const progress = runProgress({ ...base, state: { lines: event.tail.split('\n').slice(-20) } });
        const progressTs = links[`run-progress:${run.runId}`];
        if (progressTs) await update(channel, progressTs, progress);
        else await link(run.incidentId, `run-progress:${run.runId}`, await post(channel, progress, thread));
        return;
      }
      case 'finished': {
        const { result } = event;
        const summary = runResult({ ...base, result });
        const thread = await ensureRoot(runProgress({ ...base, state: { outcome: result.outcome } }));
        if (!links[`run-result:${run.runId}`]) await link(run.incidentId, `run-result:${run.runId}`, await post(channel, summary, thread));
        if (!links[`run-files:${run.runId}`]) {
          const files = [];
          for (const artifact of event.artifacts) {
            const content = await services.redis.getBuffer(artifact.key);
            if (content) files.push({ filename: artifact.name, content });
          }
          const ids = await uploadFiles(slack, options.botToken, { channel, threadTs: thread, files });
          await link(run.incidentId, `run-files:${run.runId}`, ids.join(',') || 'none');
        }
        const ticksFor = (commandId: string) => services.catalogue.find((c) => c.id === commandId)?.ticks;
        const files = result.files.map((f) => ({ name: f.path, sha256: f.sha256, bytes: f.bytes }));
        await apply(
          services,
          run.incidentId,
          (i) =>
            recordJobFinished(
              i,
              { jobId: run.runId, commandId: run.commandId, host: run.host, outcome: result.outcome, exitCode: result.exitCode, durationMs: result.durationMs, outputDigest: result.outputDigest, files },
              ticksFor,
              actor('finished'),
            ),
          `${run.runId}-finished`,
        );
        if (services.catalogue.find((c) => c.id === run.commandId)?.ticks === 'system_verified') await trackVerification(run.incidentId, run.commandId, result.outcome, channel, run.runId);
        return;
      }
      case 'refused':
      case 'unknown': {
        const message = event.kind === 'refused' ? runRefused({ ...base, reason: event.reason }) : runOutcomeUnknown({ ...base });
        const thread = await ensureRoot(message);
        if (!links[`run-result:${run.runId}`]) await link(run.incidentId, `run-result:${run.runId}`, await post(channel, message, thread));
        const outcome = event.kind === 'refused' ? 'refused' : 'unknown';
        await apply(
          services,
          run.incidentId,
          (i) =>
            recordJobFinished(
              i,
              { jobId: run.runId, commandId: run.commandId, host: run.host, outcome, exitCode: null, durationMs: 0, outputDigest: '', files: [] },
              () => undefined,
              actor(outcome),
            ),
          `${run.runId}-${outcome}`,
        );
        return;
      }
    }
  }

  // The §8.1 suite gates システム検証実施: once every check has a result since recovery, all must have passed.
  async function trackVerification(incidentId: string, commandId: string, outcome: string, channel: string, runId: string): Promise<void> {
    const incident = await store.get(incidentId);
    if (incident?.status !== 'resolved') return;
    await link(incidentId, `verify:${commandId}`, outcome);
    const links = await store.getLinks(incidentId);
    const suite = services.catalogue.filter((c) => c.ticks === 'system_verified').map((c) => c.id);
    if (!suite.every((id) => links[`verify:${id}`])) return;
    const failed = suite.filter((id) => links[`verify:${id}`] !== 'succeeded');
    const key = failed.length === 0 ? `verify-passed-${incidentId}` : `verify-failed-${runId}`;
    const recorded = await apply(services, incidentId, (i) => recordVerification(i, { passed: failed.length === 0, failed }, { by: 'klaxon', at: services.now(), key }), key);
    if (!recorded.ok || recorded.value.duplicate) return;
    const words = messages(view.locale).replies;
    const text = failed.length === 0 ? words.verificationPassed : words.verificationFailed(failed.join(', '));
    await post(channel, { text, blocks: [section(text)] });
  }

  const processor = async (job: Job): Promise<void> => {
    const task = { name: job.name, data: job.data } as SlackJob;
    switch (task.name) {
      case 'setup':
        return setup(task.data.incidentId, task.data.origin);
      case 'render':
        return render(task.data.incidentId);
      case 'post':
        return postJob(task.data);
      case 'invite':
        return invite(task.data);
      case 'run-event':
        return runEvent(task.data);
      case 'report':
        return deliverReport(services, slack, options.botToken, task.data.incidentId);
    }
  };

  const worker = new Worker(SLACK_QUEUE, processor, {
    connection: options.connection,
    prefix: bullPrefix(config.redisPrefix),
    // One at a time keeps messages in order; Slack's own rate limits make more pointless anyway.
    concurrency: 1,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'slack effects worker error'));
  worker.on('failed', (job, error) => logger.warn({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'slack effect failed; will retry'));
  return worker;
}
