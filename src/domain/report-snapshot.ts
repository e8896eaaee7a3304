// The reproducibility snapshot in the report's 基本情報: the first snapshot, the latest, and what changed
// between them (config and parameter files named).
import { describeChange, snapshotFacts, snapshotPair, type HostSnapshot } from './host-snapshot.js';
import { escapeInline } from './markdown.js';
import type { ReportContext } from './report-context.js';
import type { ReportWords } from './report-words.js';
import type { TimelineEvent } from './timeline.js';

export function snapshotText(snapshot: HostSnapshot, w: ReportWords): string {
  const f = snapshotFacts(snapshot);
  return w.snapshot.facts(f.commit, snapshot.dirty.length, f.config, f.python, f.packages);
}

// Rows of the 基本情報 table, none when no snapshot was taken (a host without a worker).
export function snapshotRows(events: readonly TimelineEvent[], ctx: ReportContext): string[] {
  const pair = snapshotPair(events);
  if (pair === undefined) return [];
  const { w } = ctx;
  const rows = [`| ${w.snapshot.first} | ${escapeInline(snapshotText(pair.first, w))} |`];
  if (pair.last !== undefined) {
    rows.push(`| ${w.snapshot.last} | ${escapeInline(snapshotText(pair.last, w))} |`);
    const changes = pair.changes.map((c) => escapeInline(describeChange(c, { ...w.snapshot.change, paren: w.paren })));
    rows.push(`| ${w.snapshot.changes} | ${changes.length === 0 ? w.snapshot.noChanges : changes.join(w.listSeparator)} |`);
  }
  return rows;
}
