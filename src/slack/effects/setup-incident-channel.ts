// Opening an incident in Slack: each step records a link when done, so a retried job skips what already happened.
import { BOT_ACTOR, isAutomaticActor } from '../../domain/actors.js';
import type { Incident } from '../../domain/incident.js';
import { recordStakeholdersNotified } from '../../domain/incident-records.js';
import { playbooksFor } from '../../domain/playbook.js';
import { respondersFor, type SlackRef } from '../../domain/policy.js';
import { apply } from '../../app/apply.js';
import { catchUpSnapshot } from '../../app/finish-declaration.js';
import { channelName } from '../channel-name.js';
import { SlackPlatformError } from '../slack-api.js';
import { announcement } from '../views/announcement.js';
import { declaredReply } from '../views/bot-replies.js';
import { channelTopic } from '../views/channel-topic.js';
import { checklistMessage } from '../views/checklist-message.js';
import { incidentHeader } from '../views/incident-header.js';
import { playbookOffer } from '../views/playbook-offer.js';
import { PermanentEffectError, type EffectJob } from '../../app/ports.js';
import { messages } from '../i18n/messages.js';
import { fallbackText, section } from '../views/blocks.js';
import { digestOf, type EffectContext, type Links } from './effect-context.js';
import { inviteMembers, postRefusals, type InviteRefusal } from './invite-members.js';
import { isChannelId } from '../channel-id.js';
import { STAKEHOLDER_REFUSALS } from './stakeholder-refusals.js';

/** Errors that mean this workspace will not let klaxon create channels: no retry will change that. */
const CREATION_REFUSALS = new Set(['restricted_action', 'no_permission', 'missing_scope']);

/** Creates the incident channel; answers Slack's refusal when the workspace will not let klaxon create one. */
async function createChannel(ctx: EffectContext, incident: Incident): Promise<{ id: string } | { refused: string }> {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const name = channelName(incident, ctx.view.timeZone, attempt);
    try {
      // A private incident's channel is private (groups:write): only those invited see it exists.
      const created = await ctx.slack.conversations.create({ name, is_private: incident.private === true });
      const id = String(created.channel?.id);
      await ctx.link(incident.id, 'channel', id);
      await ctx.link(incident.id, 'channelName', name);
      return { id };
    } catch (error) {
      if (error instanceof SlackPlatformError && error.slackError === 'name_taken') continue;
      if (error instanceof SlackPlatformError && CREATION_REFUSALS.has(error.slackError)) return { refused: error.slackError };
      throw error;
    }
  }
  throw new Error(`no free channel name for ${incident.id}`);
}

/**
 * No channel of its own: the incident runs where it was declared (or, declared by an alert, in the stakeholder
 * channel), and the declarer learns why and what an admin can change. Nobody is invited and no topic is set
 * there: it is a channel people share.
 */
async function runInPlace(ctx: EffectContext, incident: Incident, refused: string, origin: Origin | undefined): Promise<string> {
  const home = origin?.channel ?? ctx.services.config.stakeholderChannel;
  const m = messages(ctx.view.locale).setup;
  const text = m.noChannel(incident.id, refused, m.channelFix(refused));
  ctx.services.logger.error({ incident: incident.id, slackError: refused, home }, 'Slack refused to create the incident channel; the incident runs where it was declared');
  if (!home) throw new PermanentEffectError(`conversations.create answered ${refused} and there is no channel to fall back to`);
  // A private incident never falls back to a channel other people share: its declarer learns why it has no room.
  if (incident.private === true) {
    const said = m.privateNoChannel(incident.id, refused, m.channelFix(refused));
    if (origin) await ctx.tell(origin, { text: fallbackText(said), blocks: [section(said)] });
    throw new PermanentEffectError(`conversations.create answered ${refused}; a private incident does not run in a shared channel`);
  }
  // A person may declare in a channel klaxon is not in: it joins that channel (public ones only) to work there.
  if (origin) {
    try {
      await ctx.slack.conversations.join({ channel: home });
    } catch (error) {
      if (!(error instanceof SlackPlatformError)) throw error;
      await ctx.tell(origin, { text: fallbackText(m.cannotJoin(incident.id, error.slackError)), blocks: [section(m.cannotJoin(incident.id, error.slackError))] });
      throw new PermanentEffectError(`conversations.create answered ${refused} and conversations.join ${error.slackError}`, { cause: error });
    }
  }
  await ctx.link(incident.id, 'channel', home);
  await ctx.link(incident.id, 'channelFallback', refused);
  await ctx.link(incident.id, 'invited', '1');
  await ctx.link(incident.id, 'topic', '1');
  await ctx.link(incident.id, 'replied', '1'); // the message below says where it lives
  const message = { text: fallbackText(text), blocks: [section(text)] };
  if (origin) await ctx.tell(origin, message);
  else await ctx.post(home, message, undefined, `${incident.id}/inPlace`);
  return home;
}

// The declarer (unless an alert or klaxon itself declared) and the severity's responders.
function respondersOf(ctx: EffectContext, incident: Incident): SlackRef[] {
  const human = !isAutomaticActor(incident.declaredBy);
  return [...(human ? [{ user: incident.declaredBy }] : []), ...respondersFor(ctx.services.policy, incident.severity)];
}


type Origin = NonNullable<Extract<EffectJob, { name: 'setup' }>['data']['origin']>;

export async function setupIncidentChannel(ctx: EffectContext, data: Extract<EffectJob, { name: 'setup' }>['data']): Promise<void> {
  const incident = await openInSlack(ctx, data);
  // After the channel, so that the snapshot's messages have their thread's channel.
  await catchUpSnapshot(ctx.services, incident);
}

async function openInSlack(ctx: EffectContext, data: Extract<EffectJob, { name: 'setup' }>['data']): Promise<Incident> {
  const { incidentId, origin } = data;
  const { services, slack, view } = ctx;
  const { incident, links } = await ctx.load(incidentId);
  let channel = links['channel'];
  if (!channel) {
    const created = await createChannel(ctx, incident);
    channel = 'id' in created ? created.id : await runInPlace(ctx, incident, created.refused, origin);
    Object.assign(links, await ctx.services.store.getLinks(incidentId));
  }
  if (!links['invited']) {
    // Who Slack would not add is named after the checklist, so the header stays the channel's first message.
    const refused = await inviteMembers(ctx, channel, respondersOf(ctx, incident));
    await ctx.link(incidentId, 'refusedInvites', JSON.stringify(refused));
    await ctx.link(incidentId, 'invited', '1');
    links['refusedInvites'] = JSON.stringify(refused);
  }
  if (!links['topic']) {
    const topic = channelTopic(incident, view.locale);
    await slack.conversations.setTopic({ channel, topic });
    await ctx.link(incidentId, 'shown:topic', topic);
    await ctx.link(incidentId, 'topic', '1');
  }
  if (!links['header']) {
    const header = incidentHeader({ incident, clocks: ctx.clocksOf(incident), ...view });
    const ts = await ctx.post(channel, header, undefined, `${incidentId}/header`);
    await ctx.link(incidentId, 'header', ts);
    await ctx.link(incidentId, 'shown:header', digestOf(header));
    try {
      await slack.pins.add({ channel, timestamp: ts });
    } catch (error) {
      if (!(error instanceof SlackPlatformError && error.slackError === 'already_pinned')) throw error;
    }
  }
  if (!links['checklist']) {
    const checklist = checklistMessage({ incident, ...view });
    await ctx.link(incidentId, 'checklist', await ctx.post(channel, checklist, undefined, `${incidentId}/checklist`));
    await ctx.link(incidentId, 'shown:checklist', digestOf(checklist));
  }
  if (!links['playbooks']) {
    const offer = playbookOffer({ playbooks: playbooksFor(services.playbooks, incident.severity), severity: incident.severity, locale: view.locale });
    await ctx.link(incidentId, 'playbooks', await ctx.post(channel, offer, undefined, `${incidentId}/playbooks`));
    await ctx.link(incidentId, 'shown:playbooks', digestOf(offer));
  }
  if (links['refusedInvites'] && !links['refusalsNamed']) {
    await postRefusals(ctx, channel, JSON.parse(links['refusedInvites']) as InviteRefusal[]);
    await ctx.link(incidentId, 'refusalsNamed', '1');
  }
  const { stakeholderChannel } = services.config;
  if (stakeholderChannel && !links['announcement'] && !links['announcementRefused'] && stakeholderChannel !== channel) {
    const stakeholders = links['stakeholderChannel'] ?? stakeholderChannel;
    const message = announcement({ incident, channelId: channel, ...view });
    let answer: { ts?: string; channel?: string };
    try {
      answer = await ctx.postMessage(stakeholders, message, { key: `${incidentId}/announcement` });
    } catch (error) {
      if (!(error instanceof SlackPlatformError && STAKEHOLDER_REFUSALS.has(error.slackError))) throw error;
      // The incident goes on without the announcement; whoever can fix it is told, in the incident channel.
      services.logger.error({ incident: incidentId, channel: stakeholders, slackError: error.slackError }, 'stakeholders not told: klaxon may not post in STAKEHOLDER_CHANNEL');
      await ctx.link(incidentId, 'announcementRefused', error.slackError);
      const text = messages(view.locale).setup.notAnnounced(isChannelId(stakeholders) ? `<#${stakeholders}>` : `#${stakeholders}`, error.slackError);
      await ctx.post(channel, { text: fallbackText(text), blocks: [section(text)] }, undefined, `${incidentId}/announcementRefused`);
      await finishReply(ctx, incident, channel, origin, links);
      return incident;
    }
    await ctx.link(incidentId, 'stakeholderChannel', String(answer.channel ?? stakeholders));
    await ctx.link(incidentId, 'announcement', String(answer.ts));
    await ctx.link(incidentId, 'shown:announcement', digestOf(message));
    const key = `notified-${incidentId}`;
    await apply(services, incidentId, (i) => recordStakeholdersNotified(i, { by: BOT_ACTOR, at: services.now(), key }), key);
  }
  await finishReply(ctx, incident, channel, origin, links);
  return incident;
}

/** Tells the declarer where the incident lives (through the command's response_url when it has one). */
async function finishReply(ctx: EffectContext, incident: Incident, channel: string, origin: Origin | undefined, links: Links): Promise<void> {
  if (!origin || origin.channel === channel || links['replied']) return;
  await ctx.tell(origin, declaredReply({ incident, channelId: channel, locale: ctx.view.locale }));
  await ctx.link(incident.id, 'replied', '1');
}
