// klaxon's Home tab: the incidents one person may see, theirs first, with due times and channel links.
import type { HomeView, KnownBlock } from '@slack/types';
import type { HomeIncident, HomeOverview } from '../../app/home-overview.js';
import type { Instant } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { ACTION } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { inlineCode, inlineMrkdwn, userRef } from '../mrkdwn.js';
import { actions, button, context, divider, header, section } from './blocks.js';
import { clockLine } from './clock-line.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import { slackDate } from './slack-date.js';
import { isChannelId } from '../channel-id.js';

export interface AppHomeInput {
  readonly overview: HomeOverview;
  readonly now: Instant;
  readonly locale: Locale;
  readonly timeZone: string;
}

/** A Home tab holds 100 blocks: the open list is cut well before, the rest of the page has fewer than 20. */
const OPEN_SHOWN = 30;
const MINE_SHOWN = 10;

const channelRef = (id: string | undefined): string => (id !== undefined && isChannelId(id) ? ` <#${id}>` : '');

function incidentBlock(item: HomeIncident, locale: Locale, timeZone: string): KnownBlock {
  const m = messages(locale);
  const { incident } = item;
  const lock = incident.private === true ? '🔒 ' : '';
  const first = `${SEVERITY_EMOJI[incident.severity]} ${lock}*${inlineMrkdwn(incident.title, 300)}*${channelRef(item.channel)}`;
  const lead = incident.roles.commander === undefined ? [] : [m.home.lead(userRef(incident.roles.commander))];
  const facts = [incident.id, m.severity[incident.severity], m.status[incident.status], ...lead].join(' · ');
  const due =
    incident.status === 'closed'
      ? [item.report === undefined ? '' : m.home.report(inlineCode(item.report, 200))]
      : [clockLine(item.clocks.response, timeZone, locale), clockLine(item.clocks.recovery, timeZone, locale)];
  return section([first, facts, ...due.filter((line) => line !== '')].join('\n'));
}

function list(items: readonly HomeIncident[], shown: number, locale: Locale, timeZone: string): KnownBlock[] {
  if (items.length === 0) return [context([messages(locale).home.none])];
  return items.slice(0, shown).map((item) => incidentBlock(item, locale, timeZone));
}

export function appHome(input: AppHomeInput): HomeView {
  const { overview, locale, timeZone } = input;
  const m = messages(locale).home;
  const blocks: KnownBlock[] = [
    header(m.title),
    actions([button({ text: m.declare, actionId: ACTION.homeDeclare, value: 'declare', style: 'primary' })]),
    context([m.updated(slackDate(input.now, timeZone))]),
    divider(),
    header(m.mine),
    ...list(overview.mine, MINE_SHOWN, locale, timeZone),
    divider(),
    header(m.open(overview.open.length)),
    ...list(overview.open, OPEN_SHOWN, locale, timeZone),
    divider(),
    header(m.closed),
    ...list(overview.closed, 5, locale, timeZone),
  ];
  return { type: 'home', blocks };
}
