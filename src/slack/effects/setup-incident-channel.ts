// Opening an incident in Slack: each step records a link when done, so a retried job skips what already happened.
import type { Incident } from '../../domain/incident.js';
import { recordStakeholdersNotified } from '../../domain/incident-records.js';
import { playbooksFor } from '../../domain/playbook.js';
import { respondersFor, type SlackRef } from '../../domain/policy.js';
import { apply } from '../../app/apply.js';
import { channelName } from '../channel-name.js';
import { SlackPlatformError } from '../slack-api.js';
import { announcement } from '../views/announcement.js';
import { declaredReply } from '../views/bot-replies.js';
import { channelTopic } from '../views/channel-topic.js';
import { checklistMessage } from '../views/checklist-message.js';
import { incidentHeader } from '../views/incident-header.js';
import { playbookOffer } from '../views/playbook-offer.js';
import type { EffectJob } from '../../app/ports.js';
import { digestOf, type EffectContext } from './effect-context.js';
import { inviteMembers } from './invite-members.js';

async function createChannel(ctx: EffectContext, incident: Incident): Promise<string> {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const name = channelName(incident, ctx.view.timeZone, attempt);
    try {
      const created = await ctx.slack.call<{ channel?: { id?: string } }>('conversations.create', { name, is_private: false });
      const id = String(created.channel?.id);
      await ctx.link(incident.id, 'channel', id);
      await ctx.link(incident.id, 'channelName', name);
      return id;
    } catch (error) {
      if (error instanceof SlackPlatformError && error.slackError === 'name_taken') continue;
      throw error;
    }
  }
  throw new Error(`no free channel name for ${incident.id}`);
}

// The declarer (unless an alert or klaxon itself declared) and the severity's responders.
function respondersOf(ctx: EffectContext, incident: Incident): SlackRef[] {
  const human = !incident.declaredBy.startsWith('alert:') && incident.declaredBy !== 'klaxon';
  return [...(human ? [{ user: incident.declaredBy }] : []), ...respondersFor(ctx.services.policy, incident.severity)];
}

export async function setupIncidentChannel(ctx: EffectContext, data: Extract<EffectJob, { name: 'setup' }>['data']): Promise<void> {
  const { incidentId, origin } = data;
  const { services, slack, view } = ctx;
  const { incident, links } = await ctx.load(incidentId);
  const channel = links['channel'] ?? (await createChannel(ctx, incident));
  if (!links['invited']) {
    await inviteMembers(ctx, channel, respondersOf(ctx, incident));
    await ctx.link(incidentId, 'invited', '1');
  }
  if (!links['topic']) {
    await slack.call('conversations.setTopic', { channel, topic: channelTopic(incident, view.locale) });
    await ctx.link(incidentId, 'topic', '1');
  }
  if (!links['header']) {
    const header = incidentHeader({ incident, clocks: ctx.clocksOf(incident), ...view });
    const ts = await ctx.post(channel, header);
    await ctx.link(incidentId, 'header', ts);
    await ctx.link(incidentId, 'shown:header', digestOf(header));
    try {
      await slack.call('pins.add', { channel, timestamp: ts });
    } catch (error) {
      if (!(error instanceof SlackPlatformError && error.slackError === 'already_pinned')) throw error;
    }
  }
  if (!links['checklist']) {
    const checklist = checklistMessage({ incident, ...view });
    await ctx.link(incidentId, 'checklist', await ctx.post(channel, checklist));
    await ctx.link(incidentId, 'shown:checklist', digestOf(checklist));
  }
  if (!links['playbooks']) {
    const offer = playbookOffer({ playbooks: playbooksFor(services.playbooks, incident.severity), severity: incident.severity, locale: view.locale });
    await ctx.link(incidentId, 'playbooks', await ctx.post(channel, offer));
  }
  const { stakeholderChannel } = services.config;
  if (stakeholderChannel && !links['announcement']) {
    const stakeholders = links['stakeholderChannel'] ?? stakeholderChannel;
    const message = announcement({ incident, channelId: channel, ...view });
    const answer = await slack.call<{ ts?: string; channel?: string }>('chat.postMessage', { channel: stakeholders, ...message });
    await ctx.link(incidentId, 'stakeholderChannel', String(answer.channel ?? stakeholders));
    await ctx.link(incidentId, 'announcement', String(answer.ts));
    await ctx.link(incidentId, 'shown:announcement', digestOf(message));
    const key = `notified-${incidentId}`;
    await apply(services, incidentId, (i) => recordStakeholdersNotified(i, { by: 'klaxon', at: services.now(), key }), key);
  }
  if (origin && origin.channel !== channel && !links['replied']) {
    try {
      await slack.call('chat.postEphemeral', { channel: origin.channel, user: origin.user, ...declaredReply({ incident, channelId: channel, locale: view.locale }) });
    } catch (error) {
      services.logger.debug({ err: (error as Error).message }, 'declared reply not delivered (bot not in that channel)');
    }
    await ctx.link(incidentId, 'replied', '1');
  }
}
