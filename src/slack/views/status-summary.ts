// `/incident status`: severity, clocks, checklist progress and whether the backtest hosts' workers are alive.
import type { KnownBlock } from '@slack/types';
import { CHECKLIST_ITEMS } from '../../domain/checklist.js';
import type { Incident, Instant } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import type { Clocks } from '../../domain/sla.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, fields, section } from './blocks.js';
import { clockLine } from './clock-line.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';

export interface WorkerStatus {
  readonly host: string;
  readonly online: boolean;
  readonly lastSeenAt?: Instant;
}

export interface StatusSummaryInput {
  readonly incident: Incident;
  readonly clocks: Clocks;
  readonly workers: readonly WorkerStatus[];
  readonly locale: Locale;
  readonly timeZone: string;
  /** Without it, a worker's last sighting is shown as a time instead of an age. */
  readonly now?: Instant;
}

export function statusSummary(input: StatusSummaryInput): SlackMessage {
  const { incident, locale, timeZone } = input;
  const m = messages(locale);
  const done = CHECKLIST_ITEMS.filter((item) => incident.checklist[item.id]?.done).length;
  const commander = incident.roles.commander;
  const workerLine = (w: WorkerStatus): string => {
    const { now } = input;
    const ago = (at: Instant): string => (now === undefined ? slackDate(at, timeZone) : m.summary.lastSeen(m.duration(Math.max(0, now - at))));
    const seen = w.lastSeenAt === undefined ? '' : ` · ${ago(w.lastSeenAt)}`;
    return `${w.online ? ':large_green_circle:' : ':red_circle:'} ${inlineMrkdwn(w.host, 100)} · ${w.online ? m.summary.online : m.summary.offline}${seen}`;
  };
  const workers = input.workers.length === 0 ? m.summary.noWorkers : input.workers.slice(0, 20).map(workerLine).join('\n');
  const blocks: KnownBlock[] = [
    section(`${SEVERITY_EMOJI[incident.severity]} *${m.summary.title(incident.id)}* · ${inlineMrkdwn(incident.title, 300)}`),
    fields([
      `*${m.header.severity}*\n${m.severity[incident.severity]}`,
      `*${m.header.status}*\n${m.status[incident.status]}`,
      `*${m.header.commander}*\n${commander === undefined ? m.header.nobody : userRef(commander)}`,
      `*${m.header.host}*\n${incident.host === undefined ? m.header.anyHost : inlineMrkdwn(incident.host, 100)}`,
    ]),
    section(`${clockLine(input.clocks.response, timeZone, locale)}\n${clockLine(input.clocks.recovery, timeZone, locale)}`),
    context([m.summary.checklist(done, CHECKLIST_ITEMS.length)]),
    section(`*${m.summary.workers}*\n${workers}`),
  ];
  const text = `${m.summary.title(incident.id)}: ${m.severity[incident.severity]}, ${m.status[incident.status]}`;
  return { text: fallbackText(text), blocks };
}
