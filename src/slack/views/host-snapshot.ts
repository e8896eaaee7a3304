// The reproducibility snapshot in its run's thread: the compact facts and, from the second snapshot on,
// what changed since the first (config and parameter files named). The full JSON is the run's file.
import { describeChange, snapshotFacts, type HostSnapshot, type SnapshotChange } from '../../domain/host-snapshot.js';
import type { Locale } from '../../domain/locale.js';
import { REPORT_WORDS } from '../../domain/report-words.js';
import { snapshotText } from '../../domain/report-snapshot.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { fallbackText, section } from './blocks.js';
import type { SlackMessage } from './view-types.js';

export interface HostSnapshotInput {
  readonly snapshot: HostSnapshot;
  /** Changes since the incident's first snapshot; undefined for the first itself. */
  readonly changes?: readonly SnapshotChange[];
  readonly locale: Locale;
}

export function hostSnapshotMessage(input: HostSnapshotInput): SlackMessage {
  const w = REPORT_WORDS[input.locale];
  const facts = snapshotText(input.snapshot, w);
  const lines = [`*${input.changes === undefined ? w.snapshot.first : w.snapshot.last}*`, escapeMrkdwn(facts)];
  if (input.changes !== undefined) {
    lines.push(`*${w.snapshot.changes}*`);
    lines.push(input.changes.length === 0 ? w.snapshot.noChanges : input.changes.map((c) => `• ${escapeMrkdwn(describeChange(c, { ...w.snapshot.change, paren: w.paren }))}`).join('\n'));
  }
  return { text: fallbackText(`${w.event.hostSnapshot}: commit ${snapshotFacts(input.snapshot).commit}`), blocks: [section(lines.join('\n'))] };
}
