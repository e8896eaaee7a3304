import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Catalogue } from '../../src/domain/catalogue.js';
import { canonicalParams, checkParam, describeRefusal, resolveCommand } from '../../src/domain/command-resolution.js';

const catalogue: Catalogue = [
  {
    id: 'run.workers',
    title: { en: 'Workers', ja: 'ワーカー' },
    runbook: ['§5.2-2'],
    risk: 'mutating',
    params: {
      workers: { kind: 'int', min: 1, max: 16, default: 2 },
      strategy: { kind: 'enum', values: ['VWAPBreakoutStrategy', 'MomentumInvestingStrategy'] },
    },
    timeoutMs: 1000,
    outputCapBytes: 1024,
    action: { kind: 'argv', argv: ['{python}', 'main.py', '--max-workers', '{workers}', '--single-strategy', '{strategy}'] },
  },
  {
    id: 'config.restore',
    title: { en: 'Restore', ja: '復旧' },
    runbook: ['§4.2-2'],
    risk: 'destructive',
    requiresApproval: true,
    minSeverity: 'high',
    params: { backup: { kind: 'pattern', pattern: '^(latest|[0-9]{8})$', maxLength: 8, default: 'latest' } },
    timeoutMs: 1000,
    outputCapBytes: 1024,
    action: { kind: 'builtin', builtin: 'restore-config' },
  },
];

describe('resolveCommand', () => {
  it.each([
    ['fills defaults', 'run.workers', { strategy: 'VWAPBreakoutStrategy' }, {}, { ok: true, params: { workers: '2', strategy: 'VWAPBreakoutStrategy' } }],
    ['keeps given values', 'run.workers', { strategy: 'MomentumInvestingStrategy', workers: '16' }, {}, { ok: true, params: { workers: '16', strategy: 'MomentumInvestingStrategy' } }],
    ['unknown command', 'run.nothing', {}, {}, { ok: false, error: { code: 'unknown_command', commandId: 'run.nothing' } }],
    ['missing param', 'run.workers', {}, {}, { ok: false, error: { code: 'missing_param', param: 'strategy' } }],
    ['unexpected param', 'run.workers', { strategy: 'VWAPBreakoutStrategy', shell: 'sh' }, {}, { ok: false, error: { code: 'unexpected_param', param: 'shell' } }],
    ['enum outside values', 'run.workers', { strategy: 'vwap' }, {}, { ok: false, error: { code: 'bad_param', param: 'strategy', why: { kind: 'not_one_of', values: ['VWAPBreakoutStrategy', 'MomentumInvestingStrategy'] } } }],
    ['int out of range', 'run.workers', { strategy: 'VWAPBreakoutStrategy', workers: '17' }, {}, { ok: false, error: { code: 'bad_param', param: 'workers', why: { kind: 'out_of_range', min: 1, max: 16 } } }],
    ['int not canonical', 'run.workers', { strategy: 'VWAPBreakoutStrategy', workers: '02' }, {}, { ok: false, error: { code: 'bad_param', param: 'workers', why: { kind: 'not_whole_number' } } }],
    ['pattern mismatch', 'config.restore', { backup: '2026-01-15' }, { severity: 'critical' }, { ok: false, error: { code: 'bad_param', param: 'backup', why: { kind: 'too_long', max: 8 } } }],
    ['severity too low', 'config.restore', {}, { severity: 'medium' }, { ok: false, error: { code: 'severity_too_low', commandId: 'config.restore', required: 'high', actual: 'medium' } }],
    ['severity high enough', 'config.restore', {}, { severity: 'high' }, { ok: true, params: { backup: 'latest' } }],
    ['no severity (host-side exec)', 'config.restore', { backup: '20260115' }, {}, { ok: true, params: { backup: '20260115' } }],
  ] as const)('%s', (_name, id, raw, options, expected) => {
    const result = resolveCommand(catalogue, id, raw, options);
    if (expected.ok) {
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.value.params).toEqual(expected.params);
        expect(result.value.spec.id).toBe(id);
      }
    } else {
      expect(result).toEqual({ ok: false, error: expected.error });
      if (!result.ok) expect(describeRefusal(result.error).length).toBeGreaterThan(10);
    }
  });

  it('does not treat inherited object keys as declared parameters', () => {
    const raw = JSON.parse('{"__proto__": "x", "strategy": "VWAPBreakoutStrategy"}') as Record<string, string>;
    expect(resolveCommand(catalogue, 'run.workers', raw)).toMatchObject({ ok: false, error: { code: 'unexpected_param' } });
    expect(resolveCommand(catalogue, 'run.workers', { strategy: 'VWAPBreakoutStrategy', toString: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unexpected_param', param: 'toString' },
    });
  });
});

describe('checkParam', () => {
  const pattern = { kind: 'pattern', pattern: '^[A-Za-z0-9_.-]+$', maxLength: 40 } as const;

  it('refuses leading "-", control characters and over-long values even when the pattern would allow them', () => {
    expect(checkParam(pattern, '-rf')).toEqual({ ok: false, error: { kind: 'leading_dash' } });
    expect(checkParam({ ...pattern, pattern: '^.*$' }, 'a\nb')).toEqual({ ok: false, error: { kind: 'control_characters' } });
    expect(checkParam(pattern, 'a'.repeat(41))).toEqual({ ok: false, error: { kind: 'too_long', max: 40 } });
    expect(checkParam(pattern, '')).toEqual({ ok: false, error: { kind: 'empty' } });
    // The CLI and the logs keep their English words.
    expect(describeRefusal({ code: 'bad_param', param: 'p', why: { kind: 'leading_dash' } })).toBe('parameter "p" must not start with "-"');
  });

  it('accepts exactly the canonical integers in range', () => {
    const spec = { kind: 'int', min: -5, max: 500 } as const;
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (raw) => {
        const result = checkParam(spec, raw);
        const n = Number(raw);
        const canonical = raw !== '' && String(n) === raw && Number.isInteger(n) && n >= -5 && n <= 500 && raw !== '-0';
        expect(result.ok).toBe(canonical);
      }),
    );
  });
});

describe('canonicalParams', () => {
  it('is the same JSON for the same params in any key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (params) => {
        const reversed = Object.fromEntries(Object.entries(params).reverse());
        expect(canonicalParams(reversed)).toBe(canonicalParams(params));
        expect(JSON.parse(canonicalParams(params))).toEqual(params);
      }),
    );
  });

  it('sorts keys', () => {
    expect(canonicalParams({ b: '2', a: '1' })).toBe('{"a":"1","b":"2"}');
  });
});
