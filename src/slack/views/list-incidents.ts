// `/incident list`: the open incidents, worst first as given, one line each.
import type { KnownBlock } from '@slack/types';
import type { Incident, Instant } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn } from '../mrkdwn.js';
import { LIMIT, context, fallbackText, header, section } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import type { SlackMessage } from './view-types.js';
import { isChannelId } from '../channel-id.js';

export interface ListIncidentsOptions {
  readonly locale: Locale;
  readonly now: Instant;
  /** The incident's channel id, when known, to link it. */
  readonly channelOf?: (incidentId: string) => string | undefined;
}

export interface ListIncidentsInput extends ListIncidentsOptions {
  readonly incidents: readonly Incident[];
  /** Accepted for symmetry with the other builders; ages need no zone. */
  readonly timeZone?: string;
}

export function listIncidents(input: ListIncidentsInput): SlackMessage;
export function listIncidents(incidents: readonly Incident[], options: ListIncidentsOptions): SlackMessage;
export function listIncidents(first: ListIncidentsInput | readonly Incident[], second?: ListIncidentsOptions): SlackMessage {
  const [incidents, options] = isIncidentList(first) ? [first, second as ListIncidentsOptions] : [first.incidents, first];
  return render(incidents, options);
}

const isIncidentList = (value: ListIncidentsInput | readonly Incident[]): value is readonly Incident[] => Array.isArray(value);

function render(incidents: readonly Incident[], options: ListIncidentsOptions): SlackMessage {
  const m = messages(options.locale);
  if (incidents.length === 0) return { text: fallbackText(m.list.empty), blocks: [section(m.list.empty)] };
  const room = LIMIT.messageBlocks - 2;
  const shown = incidents.slice(0, room);
  const blocks: KnownBlock[] = [
    header(m.list.title(incidents.length)),
    ...shown.map((incident) => {
      const channel = options.channelOf?.(incident.id);
      const link = channel !== undefined && isChannelId(channel) ? ` <#${channel}>` : '';
      const line = m.list.line(incident.id, m.severity[incident.severity], m.status[incident.status], m.duration(Math.max(0, options.now - incident.declaredAt)));
      return section(`${SEVERITY_EMOJI[incident.severity]} *${inlineMrkdwn(incident.title, 300)}*${link}\n${line}`);
    }),
  ];
  if (incidents.length > shown.length) blocks.push(context([m.list.more(incidents.length - shown.length)]));
  return { text: fallbackText(m.list.title(incidents.length)), blocks };
}
