// Invariants of the allow-list: what makes an entry safe to run is checked here, not trusted.
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, findCommand, servedByKlaxon } from '../../commands/index.js';
import { checkParam } from '../../src/domain/command-resolution.js';
import { builtins } from '../../src/worker/run/builtin-registry.js';
import { hostHelpersDir } from '../../src/worker/run/host-helpers.js';

const argvEntries = catalogue.flatMap((spec) => (spec.action.kind === 'argv' ? [[spec.id, spec] as const] : []));
const SHELL_META = /[|;&$`<>(){}*?!\\"'\n]/;
const THIRTY_MINUTES = 30 * 60_000;

/** The argv elements that are fixed code strings: the one right after a `-c`. */
const isCode = (argv: readonly string[], index: number): boolean => argv[index - 1] === '-c';

// Every command the runbook shows, by section and step (§2–§8 and §10.1).
const RUNBOOK_STEPS = [
  '§2.1-1', '§2.1-2', '§2.1-3', '§2.2-1', '§2.2-2',
  '§3.1-1', '§3.1-2', '§3.1-3', '§3.2-1', '§3.2-2',
  '§4.1-1', '§4.1-2', '§4.1-3', '§4.2-1', '§4.2-2', '§4.2-3', '§4.3-1', '§4.3-2',
  '§5.1-1', '§5.1-2', '§5.1-3', '§5.2-1', '§5.2-2', '§5.2-3',
  '§6.1-1', '§6.1-2', '§6.1-3', '§6.2-1', '§6.2-2',
  '§7.1-1',
  '§8.1-1', '§8.1-2', '§8.1-3', '§8.2-1', '§8.2-2',
  '§10.1-1', '§10.1-2',
];

describe('the catalogue', () => {
  it('covers every command step of the runbook (or says which klaxon answers itself, and how)', () => {
    const covered = new Set([...catalogue.flatMap((spec) => spec.runbook), ...Object.keys(servedByKlaxon)]);
    for (const how of Object.values(servedByKlaxon)) expect(how.en.length).toBeGreaterThan(20);
    expect(RUNBOOK_STEPS.filter((step) => !covered.has(step))).toEqual([]);
    expect([...covered].filter((step) => !RUNBOOK_STEPS.includes(step))).toEqual([]);
  });

  it('has unique lowercase area.name ids without ":" (they become BullMQ job id parts)', () => {
    const ids = catalogue.map((spec) => spec.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('finds commands by id and nothing else', () => {
    expect(findCommand('logs.collect')?.ticks).toBe('initial_logs');
    expect(findCommand('logs.collect:x')).toBeUndefined();
    expect(findCommand('nope')).toBeUndefined();
  });

  it.each(argvEntries)('%s: a "{" appears only as a whole {param} / {python} element or inside fixed -c code', (_id, spec) => {
    if (spec.action.kind !== 'argv') return;
    const argv = spec.action.argv;
    const declared = Object.keys(spec.params ?? {});
    argv.forEach((element, index) => {
      if (isCode(argv, index)) return;
      const whole = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(element)?.[1];
      const helper = /^\{helper:([a-z_][a-z0-9_]*)\}$/.exec(element)?.[1];
      if (helper !== undefined) expect(existsSync(join(hostHelpersDir(), `${helper}.py`)), element).toBe(true);
      else if (whole !== undefined) expect(['python', ...declared]).toContain(whole);
      else expect(element).not.toMatch(SHELL_META);
    });
    expect(argv[0]).toBe('{python}');
  });

  it.each(argvEntries)('%s: every declared param is used exactly once, as a whole element', (_id, spec) => {
    if (spec.action.kind !== 'argv') return;
    const argv = spec.action.argv;
    for (const name of Object.keys(spec.params ?? {})) expect(argv.filter((el) => el === `{${name}}`)).toHaveLength(1);
    argv.forEach((element, index) => {
      if (isCode(argv, index)) for (const name of Object.keys(spec.params ?? {})) expect(element).not.toContain(`{${name}}`);
    });
  });

  it.each(catalogue.map((spec) => [spec.id, spec] as const))('%s: timeout, cap, params and builtin are sane', (_id, spec) => {
    expect(spec.timeoutMs).toBeGreaterThan(0);
    expect(spec.timeoutMs).toBeLessThanOrEqual(THIRTY_MINUTES);
    expect(spec.outputCapBytes).toBeGreaterThanOrEqual(1024);
    expect(spec.outputCapBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(spec.title.en.length).toBeGreaterThan(0);
    expect(spec.title.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(spec.runbook.length).toBeGreaterThan(0);
    for (const [name, param] of Object.entries(spec.params ?? {})) {
      if (param.kind === 'pattern') {
        expect(param.pattern, name).toMatch(/^\^.*\$$/);
        expect(param.maxLength).toBeLessThanOrEqual(256);
      }
      if (param.default !== undefined) expect(checkParam(param, String(param.default)).ok, name).toBe(true);
    }
    if (spec.action.kind === 'builtin') expect(Object.keys(builtins)).toContain(spec.action.builtin);
    if (spec.requiresApproval) expect(spec.risk).toBe('destructive');
  });

  it('marks the riskiest commands for approval and the evidence commands for the checklist', () => {
    const approval = catalogue.filter((spec) => spec.requiresApproval).map((spec) => spec.id).sort();
    expect(approval).toEqual(['config.restore', 'process.stop-python']);
    const destructive = catalogue.filter((spec) => spec.risk === 'destructive').map((spec) => spec.id).sort();
    expect(destructive).toEqual(['cache.cleanup', 'cleanup.temp', 'cleanup.temp-and-cache', 'config.restore', 'logs.rotate', 'process.stop-python']);
    expect(catalogue.filter((spec) => spec.ticks === 'initial_logs').map((spec) => spec.id)).toEqual(['logs.collect']);
    const verified = catalogue.filter((spec) => spec.ticks === 'system_verified');
    // The six §8.1 checks and the golden-run canary ("results match the last good run").
    expect(verified.map((spec) => spec.runbook)).toEqual(Array(7).fill(expect.arrayContaining([expect.stringMatching(/^§8\.1-/)])));
    expect(verified.map((spec) => spec.id)).toContain('canary.golden-run');
    expect(verified).toHaveLength(7);
  });

  it('records how an entry departs from the runbook, in both languages', () => {
    const departing = catalogue.filter((spec) => spec.departure !== undefined);
    expect(departing.length).toBeGreaterThan(20);
    for (const spec of departing) {
      expect(spec.departure?.en.length, spec.id).toBeGreaterThan(30);
      expect(spec.departure?.ja, spec.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('makes every pass criterion a valid regular expression', () => {
    for (const spec of catalogue) if (spec.passWhen) expect(() => new RegExp(spec.passWhen?.output ?? ''), spec.id).not.toThrow();
  });
});
