// A golden run compared with the last good one: the before/after table (a code block keeps its columns) and
// the reproducibility snapshots of both runs, which say what changed on the host in between.
import type { KnownBlock } from '@slack/types';
import { formatDriftTable, type CanaryComparison } from '../../domain/canary.js';
import type { Locale } from '../../domain/locale.js';
import { codeBlock } from '../mrkdwn.js';
import { LIMIT, context, fallbackText, section } from './blocks.js';
import { maintenanceWords } from './maintenance-words.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';

export interface CanaryComparisonInput {
  /** Absent on the first run, which becomes the reference. */
  readonly comparison?: CanaryComparison;
  readonly baselineAt?: number;
  readonly snapshots?: { readonly before?: string; readonly after?: string };
  readonly locale: Locale;
  readonly timeZone: string;
}

const SNAPSHOT_CHARS = 1400;

export function canaryComparison(input: CanaryComparisonInput): SlackMessage {
  const w = maintenanceWords(input.locale);
  const { comparison } = input;
  const title = comparison === undefined ? w.noBaselineTitle : comparison.drifted ? w.driftTitle : w.matchTitle;
  const blocks: KnownBlock[] = [section(`*${title}*`)];
  if (comparison !== undefined) {
    if (comparison.drifted) {
      const tolerance = comparison.rows.map((r) => `${r.metric} ${r.tolerance === 'exact' ? '=' : `±${r.tolerance}`}`).join(', ');
      blocks.push(section(w.driftIntro(tolerance)));
    }
    blocks.push(section(codeBlock(formatDriftTable(comparison.rows, input.locale), LIMIT.section)));
    if (input.baselineAt !== undefined) blocks.push(context([w.baselineFrom(slackDate(input.baselineAt, input.timeZone))]));
  }
  if (input.snapshots !== undefined && comparison?.drifted) {
    blocks.push(section(`*${w.snapshotBefore}*\n${codeBlock(input.snapshots.before ?? w.noSnapshot, SNAPSHOT_CHARS, 'head')}`));
    blocks.push(section(`*${w.snapshotAfter}*\n${codeBlock(input.snapshots.after ?? w.noSnapshot, SNAPSHOT_CHARS, 'head')}`));
  }
  const table = comparison === undefined ? '' : `\n${formatDriftTable(comparison.rows, input.locale)}`;
  return { text: fallbackText(`${title}${table}`), blocks };
}
