// The one-off messages of an incident, each rendered at delivery from the incident as stored then. A message
// saved under a link (`saveAs`) is posted once: a retry after a crash, or another replica, finds the link and posts nothing.
import type { EffectJob } from '../../app/ports.js';
import type { IncidentLinkKey } from '../../app/links.js';
import { findCommand } from '../../domain/catalogue.js';
import { lastUpdateAt } from '../../domain/clock-records.js';
import { whoToCall, type EscalationReason } from '../../domain/escalation.js';
import type { Incident } from '../../domain/incident.js';
import { messages } from '../i18n/messages.js';
import { changeNotice } from '../views/change-notice.js';
import { clockBreach, clockReminder, interimReminder } from '../views/clock-alarms.js';
import { escalationNotice } from '../views/escalation-notice.js';
import { playbookSteps } from '../views/playbook-steps.js';
import { statusUpdate } from '../views/status-update.js';
import { verificationOffer } from '../views/verification-offer.js';
import type { SlackMessage } from '../views/view-types.js';
import { SlackPlatformError } from '../slack-api.js';
import { postLinked, requireChannel, type EffectContext, type Links } from './effect-context.js';
import { STAKEHOLDER_REFUSALS } from './stakeholder-refusals.js';

type DataOf<N extends EffectJob['name']> = Extract<EffectJob, { name: N }>['data'];

interface Target {
  readonly incidentId: string;
  readonly to?: 'incident' | 'stakeholders';
  /** A link key whose value is the thread_ts to reply under. */
  readonly threadLink?: IncidentLinkKey;
  /** Store the posted message ts under this link key (so it is posted once and can be updated later). */
  readonly saveAs?: IncidentLinkKey;
}

/** Posts what `render` makes of the incident as stored now, where the target says. */
export async function postRendered(ctx: EffectContext, target: Target, render: (incident: Incident, links: Links) => SlackMessage): Promise<void> {
  const { incident, links } = await ctx.load(target.incidentId);
  if (target.saveAs && links[target.saveAs]) return; // posted before a crash: do not post twice
  const channel = (target.to ?? 'incident') === 'incident' ? requireChannel(links, target.incidentId) : (links['stakeholderChannel'] ?? ctx.services.config.stakeholderChannel);
  if (!channel) return; // no stakeholders channel configured
  const threadTs = target.threadLink ? links[target.threadLink] : undefined;
  const message = render(incident, links);
  try {
    if (target.saveAs) await postLinked(ctx, target.incidentId, target.saveAs, channel, message, threadTs);
    else await ctx.post(channel, message, threadTs);
  } catch (error) {
    // The stakeholders' copy of what the incident channel already shows: a channel that refuses klaxon now
    // (locked to admins, klaxon removed) loses that copy, not the effect and the copies after it.
    if (!(target.to === 'stakeholders' && error instanceof SlackPlatformError && STAKEHOLDER_REFUSALS.has(error.slackError))) throw error;
    ctx.services.logger.error({ incident: target.incidentId, channel, slackError: error.slackError }, 'stakeholders not told: klaxon may not post in STAKEHOLDER_CHANNEL');
  }
}

export const postNote = (ctx: EffectContext, data: DataOf<'note'>): Promise<void> => postRendered(ctx, data, () => ({ text: data.text }) as SlackMessage); // plain text, as Slack shows it

export function postAlarm(ctx: EffectContext, data: DataOf<'alarm'>): Promise<void> {
  const { locale, timeZone } = ctx.view;
  const { alarm } = data;
  return postRendered(ctx, data, (incident) => {
    const notify = whoToCall(ctx.services.policy, incident);
    if (alarm.clock === 'interim') {
      const since = lastUpdateAt(incident) ?? incident.declaredAt;
      return interimReminder({ incident, sinceMs: ctx.services.now() - since, locale, notify });
    }
    const input = { incident, clock: ctx.clocksOf(incident)[alarm.clock], locale, timeZone, notify };
    return alarm.kind === 'breach' ? clockBreach(input) : clockReminder(input);
  });
}

// Which clock a ladder rule reads, so the notice can say how far it has run.
const REASON_CLOCK: Readonly<Record<EscalationReason, 'response' | 'recovery'>> = {
  response_breached: 'response',
  recovery_half_elapsed: 'recovery',
  recovery_breached: 'recovery',
};

export function postEscalation(ctx: EffectContext, data: DataOf<'escalation'>): Promise<void> {
  const { locale } = ctx.view;
  return postRendered(ctx, data, (incident) => {
    const m = messages(locale);
    const clock = ctx.clocksOf(incident)[REASON_CLOCK[data.reason]];
    const state = clock.breached ? m.header.overdue(m.duration(clock.breachedByMs)) : m.header.remaining(m.duration(clock.remainingMs));
    return escalationNotice({ incident, level: data.level, who: data.who, reason: `${m.clock[clock.clock]}: ${state}`, locale });
  });
}

// Told where the work happens and where the stakeholders read; each copy is posted once (its own link).
export async function postChange(ctx: EffectContext, data: DataOf<'change'>): Promise<void> {
  const { incidentId, event } = data;
  const { locale } = ctx.view;
  const key = `announced:${event.id}` as const;
  await postRendered(ctx, { incidentId, saveAs: `${key}:incident` }, (incident) => changeNotice({ incident, event, locale }));
  const { links } = await ctx.load(incidentId);
  const stakeholders = links['stakeholderChannel'] ?? ctx.services.config.stakeholderChannel;
  // No copy where the stakeholders were never told of the incident, nor twice into one channel.
  if (!stakeholders || links['announcementRefused'] || stakeholders === links['channel']) return;
  await postRendered(ctx, { incidentId, to: 'stakeholders', saveAs: `${key}:stakeholders` }, (incident, current) =>
    changeNotice({ incident, event, locale, forStakeholders: true, ...(current['channel'] ? { channelId: current['channel'] } : {}) }),
  );
}

export const postStatusUpdate = (ctx: EffectContext, data: DataOf<'status-update'>): Promise<void> =>
  postRendered(ctx, data, (incident) => statusUpdate({ incident, text: data.text, by: data.by, locale: ctx.view.locale }));

export function postVerificationOffer(ctx: EffectContext, incidentId: string): Promise<void> {
  const { services } = ctx;
  return postRendered(ctx, { incidentId, saveAs: 'verificationOffer' }, (incident) =>
    verificationOffer({ incident, playbooks: services.playbooks, commands: (id) => findCommand(services.catalogue, id), ...ctx.view }),
  );
}

export async function postPlaybook(ctx: EffectContext, data: DataOf<'playbook'>): Promise<void> {
  const { services } = ctx;
  const playbook = services.playbooks.find((p) => p.id === data.playbookId);
  if (!playbook) return;
  await postRendered(ctx, { incidentId: data.incidentId, threadLink: 'playbooks' }, () =>
    playbookSteps({ playbook, commands: (id) => findCommand(services.catalogue, id), ...ctx.view, startedAt: data.startedAt }),
  );
}
