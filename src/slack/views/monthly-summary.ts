// The monthly response-metrics summary for the ops channel: one line per severity and one for the month,
// medians from the declaration and the share of the §1.2 targets met. No titles: the figures are for anyone.
import type { Locale } from '../../domain/locale.js';
import type { MetricsRow } from '../../domain/response-metrics.js';
import { messages } from '../i18n/messages.js';
import { context, fallbackText, header, section } from './blocks.js';
import { followUpWords } from './follow-up-words.js';
import type { SlackMessage } from './view-types.js';

export function monthlySummary(input: { readonly month: string; readonly rows: readonly MetricsRow[]; readonly locale: Locale }): SlackMessage {
  const w = followUpWords(input.locale);
  const m = messages(input.locale);
  const time = (ms: number | undefined): string => (ms === undefined ? '—' : m.duration(ms));
  const title = w.summaryTitle(input.month);
  const lines = input.rows.map((row) => {
    const met = row.targetsMetShare === undefined ? '—' : `${Math.round(row.targetsMetShare * 100)}% (${row.responseMet + row.recoveryMet}/${row.responseJudged + row.recoveryJudged})`;
    const severity = row.severity === 'all' ? w.all : m.severity[row.severity];
    return w.summaryLine(severity, row.incidents, time(row.acknowledgeMedianMs), time(row.recoverMedianMs), time(row.closeMedianMs), met);
  });
  return {
    text: fallbackText(title),
    blocks: [header(title), section(lines.length === 0 ? w.summaryNone : lines.join('\n')), context([w.summaryNote])],
  };
}
