// The reproducibility snapshot a `host.snapshot` run prints (host/klaxon_snapshot.py): its parsed form and
// what changed between two of them (at declaration and at resolve), for the thread and the report.

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
