// Follow-ups and response metrics in Slack: the follow-up cards of an incident (posted once, updated when their
// state changes), the due-day reminder that invites and mentions the owner, and the monthly summary.
import type { EffectJob } from '../../app/ports.js';
import { followUpCardLink } from '../../app/follow-up-jobs.js';
import { monthStats } from '../../app/response-stats.js';
import { followUpId } from '../../domain/follow-up-items.js';
import { followUpCard, followUpReminder } from '../views/follow-up-card.js';
import { monthlySummary } from '../views/monthly-summary.js';
import { digestOf, postLinked, requireChannel, type EffectContext } from './effect-context.js';
import { inviteMembers, postRefusals } from './invite-members.js';
import { postRendered } from './post-message.js';

type DataOf<N extends EffectJob['name']> = Extract<EffectJob, { name: N }>['data'];

const digestLink = (item: string): `followup-digest:${string}` => `followup-digest:${item}`;

/** Every follow-up's card as the incident stands now: new ones posted, changed ones updated, the rest left alone. */
export async function syncFollowUpCards(ctx: EffectContext, data: DataOf<'followups'>): Promise<void> {
  const { incident, links } = await ctx.load(data.incidentId);
  const channel = requireChannel(links, incident.id);
  const items = incident.actionItems ?? [];
  for (const [n, item] of items.entries()) {
    const id = followUpId(item, n);
    const message = followUpCard({ id, item, locale: ctx.view.locale });
    const digest = digestOf(message);
    const ts = links[followUpCardLink(id)];
    if (ts === undefined) {
      // Each card its own effect key: a retry of a job that posted several finds each, not the first for all.
      await postLinked(ctx, incident.id, followUpCardLink(id), channel, message);
    } else if (links[digestLink(id)] !== digest) {
      await ctx.update(channel, ts, message);
    } else {
      continue;
    }
    await ctx.link(incident.id, digestLink(id), digest);
  }
}

/** The owner is invited (a mention of someone outside the channel notifies nobody) and mentioned, once. */
export async function postFollowUpReminder(ctx: EffectContext, data: DataOf<'followup-reminder'>): Promise<void> {
  const { incident, links } = await ctx.load(data.incidentId);
  if (links[data.saveAs]) return;
  const items = incident.actionItems ?? [];
  const index = items.findIndex((item, n) => followUpId(item, n) === data.item);
  const owner = items[index]?.owner;
  if (owner !== undefined) {
    const channel = requireChannel(links, incident.id);
    const refused = await inviteMembers(ctx, channel, [{ user: owner }]);
    if (refused.length > 0) await postRefusals(ctx, channel, refused);
  }
  await postRendered(ctx, data, (current) => {
    const item = (current.actionItems ?? [])[index] ?? { kind: 'follow_up', text: data.item };
    return followUpReminder({ id: data.item, item, locale: ctx.view.locale, incident: `${current.id} ${current.title}` });
  });
}

/** The month's response metrics to the ops channel; without one configured there is nowhere to post. */
export async function postMonthlySummary(ctx: EffectContext, data: DataOf<'monthly-summary'>): Promise<void> {
  const { services } = ctx;
  const channel = services.config.opsChannel;
  if (!channel) {
    services.logger.warn({ month: data.month }, 'monthly response summary not posted: OPS_CHANNEL is not set');
    return;
  }
  const rows = await monthStats({ store: services.store, policy: services.policy, timeZone: services.config.timeZone }, data.month, services.now());
  await ctx.post(channel, monthlySummary({ month: data.month, rows, locale: ctx.view.locale }));
}
