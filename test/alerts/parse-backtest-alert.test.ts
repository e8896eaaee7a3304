import { describe, expect, it } from 'vitest';
import { parseBacktestAlert } from '../../src/alerts/parse-backtest-alert.js';

const context = { timeZone: 'Asia/Tokyo', now: Date.UTC(2026, 0, 15, 2) };
const payload = (alert: Record<string, unknown>, outer: Record<string, unknown> = {}) => ({
  alert: { alert_id: 'alt-001', rule_id: 'error_rate', title: 'Error rate above 5%', level: 'critical', source: 'performance_monitor', ...alert },
  timestamp: '2026-01-15T10:59:00',
  source: 'backtest-alertmanager',
  ...outer,
});

describe('parseBacktestAlert', () => {
  it('normalises the AlertManager payload: sender, fingerprint of source + rule, level, team-zone time', () => {
    const parsed = parseBacktestAlert(payload({ timestamp: '2026-01-15T10:58:30', message: 'x', category: 'perf', metadata: { rate: 0.07 }, status: 'active' }), context);
    expect(parsed).toEqual({
      ok: true,
      value: [
        {
          sender: 'backtest-alertmanager',
          fingerprint: expect.stringMatching(/^bt-[0-9a-f]{16}$/),
          occurrence: 'alt-001',
          alertId: 'alt-001',
          origin: 'performance_monitor/error_rate',
          title: 'Error rate above 5%',
          level: 'critical',
          status: 'firing',
          at: Date.UTC(2026, 0, 15, 1, 58, 30),
        },
      ],
    });
  });

  it('gives one fingerprint to one source and rule, whatever the alert id, and another to another rule', () => {
    const fp = (alert: Record<string, unknown>) => {
      const parsed = parseBacktestAlert(payload(alert), context);
      return parsed.ok ? parsed.value[0]?.fingerprint : undefined;
    };
    expect(fp({ alert_id: 'a1' })).toBe(fp({ alert_id: 'a2' }));
    expect(fp({ rule_id: 'memory' })).not.toBe(fp({}));
    expect(fp({ source: 'dashboard' })).not.toBe(fp({}));
    // Without a rule id, the alert id is the rule.
    expect(fp({ rule_id: null, alert_id: 'a1' })).not.toBe(fp({ rule_id: null, alert_id: 'a2' }));
  });

  it('falls back: outer timestamp, then now; outer source as the component; message or rule as title', () => {
    const parsed = parseBacktestAlert({ alert: { alert_id: 7, level: 'error', title: '  ', message: 'Disk full\nmore' } }, context);
    expect(parsed.ok && parsed.value[0]).toMatchObject({ sender: 'backtest', alertId: '7', origin: '7', title: 'Disk full', level: 'high', at: context.now });
    const outer = parseBacktestAlert(payload({ source: undefined }), context);
    expect(outer.ok && outer.value[0]).toMatchObject({ origin: 'backtest-alertmanager/error_rate', at: Date.UTC(2026, 0, 15, 1, 59) });
  });

  it('reads status words: resolved, and acknowledged as a state klaxon ignores', () => {
    const status = (word: string) => {
      const parsed = parseBacktestAlert(payload({ status: word }), context);
      return parsed.ok ? parsed.value[0]?.status : parsed.error;
    };
    expect(status('RESOLVED')).toBe('resolved');
    expect(status('firing')).toBe('firing');
    expect(status('acknowledged')).toBe('ignored');
    expect(status('sleepy')).toMatch(/^alert\.status: "sleepy" is not one of/);
  });

  it('cuts a long title to the incident title limit and folds it to one line', () => {
    const parsed = parseBacktestAlert(payload({ title: `a\nb ${'x'.repeat(400)}` }), context);
    const title = parsed.ok ? (parsed.value[0]?.title ?? '') : '';
    expect(title.length).toBe(150);
    expect(title.startsWith('a b x')).toBe(true);
  });

  it('refuses a wrong shape with a one-line reason naming the field', () => {
    const reason = (body: unknown) => {
      const parsed = parseBacktestAlert(body, context);
      return parsed.ok ? 'accepted' : parsed.error;
    };
    expect(reason({})).toMatch(/^alert: /);
    expect(reason([])).toMatch(/^body: /);
    expect(reason(payload({ alert_id: '' }))).toMatch(/^alert\.alert_id: /);
    expect(reason(payload({ level: 3 }))).toMatch(/^alert\.level: /);
    expect(reason(payload({ timestamp: 'soon' }))).toMatch(/^alert\.timestamp: .*not an ISO 8601 time/);
    for (const body of [{}, [], payload({ level: 3 })]) expect(reason(body)).not.toMatch(/\n/);
  });
});
