// The runbook §12.1 checklist as one message: three phases, one button per item, who ticked it and when.
import type { KnownBlock } from '@slack/types';
import { CHECKLIST_ITEMS, CHECKLIST_PHASES, type ChecklistEntry } from '../../domain/checklist.js';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { ACTION, checklistBlockId } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn, userRef } from '../mrkdwn.js';
import { button, context, divider, fallbackText, header, section } from './blocks.js';
import { teamTime } from './team-time.js';
import type { SlackMessage } from './view-types.js';

export interface ChecklistMessageInput {
  readonly incident: Incident;
  readonly locale: Locale;
  readonly timeZone: string;
}

const NOT_DONE: ChecklistEntry = { done: false };

function itemText(label: string, entry: ChecklistEntry, timeZone: string, locale: Locale): string {
  const m = messages(locale).checklist;
  if (!entry.done) return `:white_large_square: ${label}`;
  const who = entry.by === undefined ? '' : userRef(entry.by);
  const when = entry.at === undefined ? '' : teamTime(entry.at, timeZone, 'MM-dd HH:mm');
  const details = [
    who || when ? m.doneBy(who, when).trim() : '',
    entry.auto ? m.auto : '',
    entry.reason === undefined ? '' : m.reason(inlineMrkdwn(entry.reason, 500)),
  ].filter(Boolean);
  return `:white_check_mark: *${label}*${details.length > 0 ? `\n${details.join(' · ')}` : ''}`;
}

// Re-rendered in place after every tick; each item keeps a stable block_id.
export function checklistMessage(input: ChecklistMessageInput): SlackMessage {
  const { incident, locale, timeZone } = input;
  const m = messages(locale);
  const entryOf = (id: (typeof CHECKLIST_ITEMS)[number]['id']): ChecklistEntry => incident.checklist[id] ?? NOT_DONE;
  const done = CHECKLIST_ITEMS.filter((item) => entryOf(item.id).done).length;
  const total = CHECKLIST_ITEMS.length;
  const blocks: KnownBlock[] = [
    header(`${m.checklist.title}: ${incident.id}`),
    context([m.checklist.progress(done, total)]),
  ];
  CHECKLIST_PHASES.forEach((phase, index) => {
    if (index > 0) blocks.push(divider());
    blocks.push(section(`*${m.phase[phase]}*`));
    for (const item of CHECKLIST_ITEMS.filter((i) => i.phase === phase)) {
      const entry = entryOf(item.id);
      const toggle = button({
        text: entry.done ? m.checklist.untick : m.checklist.tick,
        actionId: ACTION.checklistToggle,
        value: item.id,
        ...(entry.done ? {} : { style: 'primary' as const }),
      });
      blocks.push(section(itemText(item[locale], entry, timeZone, locale), toggle, checklistBlockId(item.id)));
    }
  });
  return { text: fallbackText(m.checklist.fallback(incident.id, done, total)), blocks };
}
