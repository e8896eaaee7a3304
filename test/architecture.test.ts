// The dependency rule of DESIGN: the core (src/domain) and the allow-list (commands/) depend on nothing
// but themselves and a few pure libraries; adapters depend on the core, never the reverse.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importsOf as parsedImports, projectImports, type Import } from './support/import-graph.js';

const root = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (text: string): string[] =>
  [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );

const PURE_PACKAGES = new Set(['date-fns', '@date-fns/tz', 'zod', 'yaml']);
/** The package an import names: `date-fns/format` is date-fns, `@date-fns/tz/x` is @date-fns/tz. */
const packageOf = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const IMPURE_CODE = [
  [/process\.env/, 'reads process.env'],
  [/Date\.now\(/, 'reads the clock (Date.now)'],
  [/new Date\(\s*\)/, 'reads the clock (new Date())'],
  [/Math\.random\(/, 'uses randomness'],
] as const;

function violations(file: string, allowedDirs: readonly string[]): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = relative(root, join(root, file, '..', spec));
      if (!allowedDirs.some((dir) => target.startsWith(dir))) found.push(`${file} imports ${spec}`);
    } else if (!PURE_PACKAGES.has(packageOf(spec))) {
      found.push(`${file} imports package ${spec}`);
    }
  }
  for (const [pattern, what] of IMPURE_CODE) if (pattern.test(text)) found.push(`${file} ${what}`);
  return found;
}

describe('the dependency rule', () => {
  it('keeps src/domain pure: only itself and pure libraries, no env, no clock', () => {
    const files = sourceFiles('src/domain');
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((f) => violations(f, ['src/domain/']))).toEqual([]);
  });

  it('keeps commands/ as data typed by the domain', () => {
    const files = sourceFiles('commands');
    expect(files.flatMap((f) => violations(f, ['src/domain/', 'commands/']))).toEqual([]);
  });

  it('reads process.env only in the entry point', () => {
    const readers = sourceFiles('src').filter((f) => /process\.env/.test(readFileSync(join(root, f), 'utf8')));
    expect(readers.filter((f) => f !== 'src/cli.ts')).toEqual([]);
  });

  it('catches a violation when there is one (the checker itself works)', () => {
    expect(importsOf("import { Redis } from 'ioredis';\nexport { x } from '../store/y.js';")).toEqual(['ioredis', '../store/y.js']);
    expect(IMPURE_CODE.some(([p]) => p.test('const t = Date.now();'))).toBe(true);
    expect(['date-fns/format', '@date-fns/tz', '@date-fns/tz/date', 'ioredis/built/x', 'node:fs'].map(packageOf)).toEqual(['date-fns', '@date-fns/tz', '@date-fns/tz', 'ioredis', 'node:fs']);
  });
});

// The folders of src/ and who may depend on whom (docs/architecture.md draws it). The core (domain, app) is
// imported by everyone and imports no adapter; adapters import the core, never each other at runtime; the
// composition roots (src/*.ts and src/cli/) are the only files that wire adapters together.
const CORE = new Set(['domain', 'app']);
const ADAPTERS = new Set(['alerts', 'queue', 'slack', 'store', 'worker', 'sandbox']);
/** Root modules every layer may read: settings and the logger's type. */
const SHARED = new Set(['src/config.ts', 'src/logger.ts', 'src/metrics.ts']);
/**
 * Runtime imports between adapters that stay, each with its reason. The host worker is its own program (its
 * composition root is src/start-worker.ts) built on the queue's plumbing (its names, and closing a BullMQ
 * worker without BullMQ's hang) and the store's keys, audit log and worker heartbeat;
 * the emulator models Slack and enforces the same published limits the adapter respects.
 */
const ALLOWED_ADAPTER_IMPORTS: readonly (readonly [from: string, to: string])[] = [
  ['worker', 'src/queue/queues.ts'],
  ['worker', 'src/queue/close-worker.ts'],
  ['worker', 'src/store/audit-log.ts'],
  ['worker', 'src/store/keys.ts'],
  ['worker', 'src/store/worker-presence.ts'],
  ['sandbox', 'src/slack/block-kit-limits.ts'],
];

/** `domain`, `app`, an adapter's name, `composition` (src/*.ts, src/cli/), or outside src/. */
function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'src') return parts[0] === 'commands' ? 'commands' : path;
  if (parts.length === 2) return SHARED.has(path) ? 'shared' : 'composition';
  return parts[1] === 'cli' ? 'composition' : (parts[1] as string);
}

function layerViolations(imports: readonly Import[]): string[] {
  const found: string[] = [];
  for (const { from, to, typeOnly } of imports) {
    if (!to.startsWith('src/') && !to.startsWith('commands/')) continue;
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b || b === 'domain' || b === 'commands' || b === 'shared') continue;
    if (a === 'app' && b !== 'app') found.push(`${from} (core) imports ${to}`);
    else if (CORE.has(a) && ADAPTERS.has(b)) found.push(`${from} (core) imports adapter ${to}`);
    else if (ADAPTERS.has(a) && b === 'composition') found.push(`${from} imports the composition root ${to}`);
    else if (ADAPTERS.has(a) && ADAPTERS.has(b) && !typeOnly && !ALLOWED_ADAPTER_IMPORTS.some(([f, t]) => f === a && t === to)) {
      found.push(`${from} imports adapter ${to} at runtime`);
    }
  }
  return found;
}

// The runtime import graph with each file named by `nodeOf` (its folder, or itself).
function runtimeGraph(imports: readonly Import[], nodeOf: (file: string) => string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const { from, to, typeOnly } of imports) {
    if (typeOnly || !to.startsWith('src/')) continue;
    const a = nodeOf(from);
    const b = nodeOf(to);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)?.add(b);
  }
  return edges;
}
const folderGraph = (imports: readonly Import[]) => runtimeGraph(imports, folderOf);
const fileGraph = (imports: readonly Import[]) => runtimeGraph(imports, (file) => file);

describe('one direction for every dependency', () => {
  const imports = projectImports(root, 'src');

  it('sees every folder of src/', () => {
    const folders = new Set(imports.map((i) => folderOf(i.from)));
    expect([...folders].sort()).toEqual([...CORE, ...ADAPTERS, 'composition', 'shared'].sort());
  });

  it('src/app imports no adapter (not even a type), adapters import no adapter at runtime, none imports a composition root', () => {
    expect(layerViolations(imports)).toEqual([]);
  });

  it('every allowed exception is still needed (a stale one is removed)', () => {
    const used = ALLOWED_ADAPTER_IMPORTS.filter(([f, t]) => imports.some((i) => !i.typeOnly && folderOf(i.from) === f && i.to === t));
    expect(used).toEqual(ALLOWED_ADAPTER_IMPORTS);
  });

  it('has no folder-level runtime import cycle', () => {
    expect(cycles(folderGraph(imports))).toEqual([]);
  });

  // Within a folder too: two modules that import each other at runtime see each other half-evaluated at start.
  it('has no file-level runtime import cycle', () => {
    expect(cycles(fileGraph(imports))).toEqual([]);
    const pair = [...parsedImports('src/app/a.ts', "import { b } from './b.js';"), ...parsedImports('src/app/b.ts', "import { a } from './a.js';")];
    expect(cycles(fileGraph(pair)).map((c) => [...c].sort())).toEqual([['src/app/a.ts', 'src/app/b.ts']]);
  });

  it('catches what it forbids (the checker itself works)', () => {
    const sample = [
      ...parsedImports('src/app/x.ts', "import type { SlackApi } from '../slack/slack-api.js';"),
      ...parsedImports('src/queue/x.ts', "import { renderIncident } from '../slack/effects/render-incident.js';"),
      ...parsedImports('src/slack/x.ts', "import { startBot } from '../start-bot.js';"),
      ...parsedImports('src/slack/y.ts', "import { type Queue } from '../queue/queues.js';\nexport type { X } from '../store/keys.js';"),
      ...parsedImports('src/store/x.ts', "const m = await import('../queue/queues.js');"),
    ];
    expect(layerViolations(sample)).toEqual([
      'src/app/x.ts (core) imports src/slack/slack-api.ts',
      'src/queue/x.ts imports adapter src/slack/effects/render-incident.ts at runtime',
      'src/slack/x.ts imports the composition root src/start-bot.ts',
      'src/store/x.ts imports adapter src/queue/queues.ts at runtime',
    ]);
    expect(cycles(folderGraph([...sample, ...parsedImports('src/slack/z.ts', "import { q } from '../queue/queues.js';"), ...parsedImports('src/queue/z.ts', "import { s } from '../slack/x.js';")]))).toEqual([['queue', 'slack']]);
  });
});
