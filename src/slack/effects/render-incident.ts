// Keeps everything that shows the incident's state in step with it: the channel topic, the pinned header,
// the checklist, the scenario picker (its severity's §4–§7 scenarios) and the stakeholder announcement.
import { playbooksFor } from '../../domain/playbook.js';
import { announcement } from '../views/announcement.js';
import { channelTopic } from '../views/channel-topic.js';
import { playbookOffer } from '../views/playbook-offer.js';
import { checklistMessage } from '../views/checklist-message.js';
import { incidentHeader } from '../views/incident-header.js';
import type { SlackMessage } from '../views/view-types.js';
import { digestOf, type EffectContext } from './effect-context.js';

export async function renderIncident(ctx: EffectContext, incidentId: string): Promise<void> {
  const { view } = ctx;
  const { incident, links } = await ctx.load(incidentId);
  const channel = links['channel'];
  if (!channel) return; // setup has not run yet; it renders the current state itself
  // chat.update is Tier 3: a message whose content did not change is not sent again.
  const refresh = async (part: 'header' | 'checklist' | 'playbooks' | 'announcement', target: string, ts: string | undefined, message: SlackMessage) => {
    if (!ts) return;
    const digest = digestOf(message);
    if (links[`shown:${part}`] === digest) return;
    await ctx.update(target, ts, message);
    await ctx.link(incidentId, `shown:${part}`, digest);
  };
  await refresh('header', channel, links['header'], incidentHeader({ incident, clocks: ctx.clocksOf(incident), ...view }));
  await refresh('checklist', channel, links['checklist'], checklistMessage({ incident, ...view }));
  const playbooks = playbooksFor(ctx.services.playbooks, incident.severity);
  await refresh('playbooks', channel, links['playbooks'], playbookOffer({ playbooks, severity: incident.severity, locale: view.locale }));
  // Set once by setup; never on a shared channel the incident fell back to (its topic is not klaxon's).
  if (links['topic'] && !links['channelFallback']) {
    const topic = channelTopic(incident, view.locale);
    if (links['shown:topic'] !== topic) {
      await ctx.slack.conversations.setTopic({ channel, topic });
      await ctx.link(incidentId, 'shown:topic', topic);
    }
  }
  if (links['stakeholderChannel']) {
    const latest = incident.latestUpdate;
    await refresh('announcement', links['stakeholderChannel'], links['announcement'], announcement({ incident, channelId: channel, ...view, ...(latest ? { latestUpdate: latest } : {}) }));
  }
}
