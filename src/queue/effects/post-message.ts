// A message for the incident channel (optionally in a thread) or for the stakeholders.
import type { SlackMessage } from '../../slack/views/view-types.js';
import type { SlackJob } from '../queues.js';
import { requireChannel, type EffectContext } from './effect-context.js';

export async function postMessage(ctx: EffectContext, data: Extract<SlackJob, { name: 'post' }>['data']): Promise<void> {
  const { links } = await ctx.load(data.incidentId);
  if (data.saveAs && links[data.saveAs]) return; // posted before a crash: do not post twice
  const channel = data.to === 'incident' ? requireChannel(links, data.incidentId) : (links['stakeholderChannel'] ?? ctx.services.config.stakeholderChannel);
  if (!channel) return; // no stakeholders channel configured
  const threadTs = data.threadLink ? links[data.threadLink] : undefined;
  const ts = await ctx.post(channel, data.message as SlackMessage, threadTs);
  if (data.saveAs) await ctx.link(data.incidentId, data.saveAs, ts);
}
