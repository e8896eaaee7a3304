// The dependency rule of DESIGN: the core (src/domain) and the allow-list (commands/) depend on nothing
// but themselves and a few pure libraries; adapters depend on the core, never the reverse.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    } else if (!PURE_PACKAGES.has(spec)) {
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
  });
});
