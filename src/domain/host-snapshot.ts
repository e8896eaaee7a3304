// The reproducibility snapshot a `host.snapshot` run prints (host/klaxon_snapshot.py): its parsed form and
// what changed between two of them (at declaration and at resolve), for the thread and the report.

import type { Actor, Incident } from './incident.js';
import { act, type TransitionResult } from './lifecycle.js';
import { ok } from './result.js';
import type { TimelineEventBody } from './timeline.js';

export interface HostSnapshot {
  readonly commit: string | null;
  readonly dirty: readonly string[];
  readonly configSha256: string | null;
  /** config/ path -> sha256 */
  readonly configFiles: Readonly<Record<string, string>>;
  readonly paramFiles: Readonly<Record<string, string>>;
  readonly python: string;
  /** distribution -> version, null when the project imports it and it is missing */
  readonly packages: Readonly<Record<string, string | null>>;
}

const LINE = /^KLAXON_SNAPSHOT (\{.*\})$/m;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// The snapshot in a run's output, or undefined when there is none or it is malformed.
export function parseSnapshot(output: string): HostSnapshot | undefined {
  const json = LINE.exec(output)?.[1];
  if (json === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || !isRecord(data['configFiles']) || !isRecord(data['paramFiles']) || !isRecord(data['packages'])) return undefined;
  if (!Array.isArray(data['dirty']) || typeof data['python'] !== 'string') return undefined;
  return data as unknown as HostSnapshot;
}

export type SnapshotChange =
  | { readonly kind: 'commit'; readonly before: string | null; readonly after: string | null }
  | { readonly kind: 'file'; readonly path: string; readonly change: 'added' | 'removed' | 'modified' }
  | { readonly kind: 'dirty'; readonly path: string; readonly change: 'added' | 'removed' }
  | { readonly kind: 'python'; readonly before: string; readonly after: string }
  | { readonly kind: 'package'; readonly name: string; readonly before: string | null | undefined; readonly after: string | null | undefined };

function fileChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): SnapshotChange[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((path): SnapshotChange[] => {
    const a = before[path];
    const b = after[path];
    if (a === b) return [];
    return [{ kind: 'file', path, change: a === undefined ? 'added' : b === undefined ? 'removed' : 'modified' }];
  });
}

// Everything that differs between two snapshots, in a stable order: commit, config and parameter files,
// dirty files, Python, packages.
export function snapshotChanges(before: HostSnapshot, after: HostSnapshot): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  if (before.commit !== after.commit) changes.push({ kind: 'commit', before: before.commit, after: after.commit });
  changes.push(...fileChanges({ ...before.configFiles, ...before.paramFiles }, { ...after.configFiles, ...after.paramFiles }));
  for (const path of after.dirty.filter((p) => !before.dirty.includes(p))) changes.push({ kind: 'dirty', path, change: 'added' });
  for (const path of before.dirty.filter((p) => !after.dirty.includes(p))) changes.push({ kind: 'dirty', path, change: 'removed' });
  if (before.python !== after.python) changes.push({ kind: 'python', before: before.python, after: after.python });
  for (const name of [...new Set([...Object.keys(before.packages), ...Object.keys(after.packages)])].sort()) {
    if (before.packages[name] !== after.packages[name]) changes.push({ kind: 'package', name, before: before.packages[name], after: after.packages[name] });
  }
  return changes;
}

// A snapshot run's result as a timeline fact; like any job result it may arrive after close.
export function recordHostSnapshot(
  incident: Incident,
  taken: { readonly jobId: string; readonly host: string; readonly snapshot: HostSnapshot },
  actor: Actor,
): TransitionResult {
  return act(incident, actor, (current) => ok({ incident: current, events: [{ type: 'host_snapshot', ...taken }] }), { allowClosed: true });
}

export interface SnapshotPair {
  readonly first: HostSnapshot;
  /** The latest snapshot after the first, when there is one. */
  readonly last?: HostSnapshot;
  readonly changes: readonly SnapshotChange[];
}

// The incident's first snapshot and, when a later one exists, the latest and what changed since the first.
export function snapshotPair(events: readonly TimelineEventBody[]): SnapshotPair | undefined {
  const snapshots = events.flatMap((e) => (e.type === 'host_snapshot' ? [e.snapshot] : []));
  const first = snapshots[0];
  if (first === undefined) return undefined;
  const last = snapshots.length > 1 ? snapshots[snapshots.length - 1] : undefined;
  return last === undefined ? { first, changes: [] } : { first, last, changes: snapshotChanges(first, last) };
}

// One short line per snapshot fact, locale-free (commit, digests, versions are the same in every language).
export function snapshotFacts(snapshot: HostSnapshot): { readonly commit: string; readonly config: string; readonly python: string; readonly packages: string } {
  const packages = Object.entries(snapshot.packages)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, version]) => `${name} ${version ?? '—'}`)
    .join(', ');
  return {
    commit: snapshot.commit === null ? '—' : snapshot.commit.slice(0, 12),
    config: snapshot.configSha256 === null ? '—' : snapshot.configSha256.slice(0, 12),
    python: snapshot.python.split(/\s/)[0] ?? snapshot.python,
    packages: packages === '' ? '—' : packages,
  };
}

// A change as plain text, for the thread and the report (file paths are named, the rest says before → after).
export function describeChange(change: SnapshotChange, words: { readonly added: string; readonly removed: string; readonly modified: string; readonly dirty: string; readonly paren: (text: string) => string }): string {
  switch (change.kind) {
    case 'commit':
      return `commit ${change.before?.slice(0, 12) ?? '—'} → ${change.after?.slice(0, 12) ?? '—'}`;
    case 'file':
      return `${change.path}${words.paren(words[change.change])}`;
    case 'dirty':
      return `${words.dirty}: ${change.path}${words.paren(words[change.change])}`;
    case 'python':
      return `Python ${change.before} → ${change.after}`;
    case 'package':
      return `${change.name} ${change.before ?? '—'} → ${change.after ?? '—'}`;
  }
}
