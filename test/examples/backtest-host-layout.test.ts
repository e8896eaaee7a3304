// The demo host against the layout manifest derived from the real system's tree, and the catalogue
// against the manifest: every path, script and module an entry names is one the real system has (or
// creates when it runs, or klaxon creates).
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../../commands/index.js';
import { demoHostSource } from '../../src/worker/run/demo-host.js';
import { hostHelpersDir } from '../../src/worker/run/host-helpers.js';

interface Layout {
  readonly tree: readonly string[];
  readonly runtime: readonly string[];
  readonly klaxon: readonly string[];
}

const layout = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/backtest-host-layout.json'), 'utf8')) as Layout;
const known = [...layout.tree, ...layout.runtime, ...layout.klaxon.map((p) => p.replace(/<[^>]+>\/$/, ''))];
const PATH_OPTIONS = ['path', 'paths', 'dir', 'dirs', 'source', 'dest', 'logs', 'recent', 'file', 'config', 'backups'];
const MODULE = /\b((?:src|strategies|config|indicators|optimization)(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\b/g;

// A path is covered when the manifest names it or a path inside it (a folder), or, for data files only,
// names a folder it is in: every script and module must be named exactly.
const covered = (path: string): boolean =>
  known.some((k) => k === path || k === `${path}/` || k.startsWith(`${path}/`) || (!path.endsWith('.py') && k.endsWith('/') && path.startsWith(k)));

const moduleFile = (module: string): string => `${module.replace(/\./g, '/')}.py`;

function referencedPaths(): Map<string, string> {
  const refs = new Map<string, string>();
  for (const spec of catalogue) {
    if (spec.action.kind === 'argv') {
      const argv = spec.action.argv;
      argv.forEach((element, i) => {
        if (argv[i - 1] === '-c') for (const m of element.matchAll(MODULE)) refs.set(moduleFile(m[1] ?? ''), spec.id);
        else if (/^[\w.-]+(\/[\w.-]+)+$/.test(element) || /^[\w-]+\.py$/.test(element)) refs.set(element, spec.id);
      });
    } else {
      for (const key of PATH_OPTIONS) {
        const value = spec.action.options?.[key];
        for (const path of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) refs.set(path, spec.id);
      }
    }
  }
  // The host helpers import the system's modules by name.
  const helpers = hostHelpersDir();
  for (const name of readdirSync(helpers).filter((n) => n.endsWith('.py'))) {
    for (const m of readFileSync(join(helpers, name), 'utf8').matchAll(/'((?:src|strategies|config)\.[A-Za-z_.]+)'/g)) refs.set(moduleFile(m[1] ?? ''), `host/${name}`);
  }
  return refs;
}

describe('the backtest host layout', () => {
  it.each([...layout.tree, ...layout.runtime])('the demo host has %s', (path) => {
    expect(existsSync(join(demoHostSource(), path))).toBe(true);
  });

  it('names no path, script or module the real system lacks', () => {
    const refs = referencedPaths();
    expect(refs.size).toBeGreaterThan(30);
    const missing = [...refs].filter(([path]) => !covered(path)).map(([path, by]) => `${path} (${by})`);
    expect(missing).toEqual([]);
  });

  it('notices a reference to a path outside the manifest (the check can fail)', () => {
    expect(covered('config/log_rotation.py')).toBe(false);
    expect(covered('temp')).toBe(false);
    expect(covered('config/optimized_params/x.json')).toBe(true);
  });
});
