// Keeps the header, checklist and stakeholder announcement in step with the incident.
import { announcement } from '../views/announcement.js';
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
  const refresh = async (part: 'header' | 'checklist' | 'announcement', target: string, ts: string | undefined, message: SlackMessage) => {
    if (!ts) return;
    const digest = digestOf(message);
    if (links[`shown:${part}`] === digest) return;
    await ctx.update(target, ts, message);
    await ctx.link(incidentId, `shown:${part}`, digest);
  };
  await refresh('header', channel, links['header'], incidentHeader({ incident, clocks: ctx.clocksOf(incident), ...view }));
  await refresh('checklist', channel, links['checklist'], checklistMessage({ incident, ...view }));
  if (links['stakeholderChannel']) {
    const latest = incident.latestUpdate;
    await refresh('announcement', links['stakeholderChannel'], links['announcement'], announcement({ incident, channelId: channel, ...view, ...(latest ? { latestUpdate: latest } : {}) }));
  }
}
