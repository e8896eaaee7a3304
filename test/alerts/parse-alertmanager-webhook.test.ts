import { describe, expect, it } from 'vitest';
import { parseAlertmanagerWebhook } from '../../src/alerts/parse-alertmanager-webhook.js';

const context = { timeZone: 'Asia/Tokyo', now: Date.UTC(2026, 0, 15, 2) };
const alert = (overrides: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels: { alertname: 'BacktestDown', severity: 'critical', instance: 'bt-1' },
  annotations: { summary: 'main.py is not running' },
  startsAt: '2026-01-15T01:00:00.000Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint: 'c0ffee00c0ffee00',
  generatorURL: 'http://prometheus/graph',
  ...overrides,
});
const webhook = (alerts: unknown[], overrides: Record<string, unknown> = {}) => ({
  version: '4',
  groupKey: '{}:{alertname="BacktestDown"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'klaxon',
  groupLabels: { alertname: 'BacktestDown' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager',
  alerts,
  ...overrides,
});

describe('parseAlertmanagerWebhook', () => {
  it('normalises every alert of a group with its own fingerprint, severity label and start time', () => {
    const parsed = parseAlertmanagerWebhook(
      webhook([alert(), alert({ fingerprint: 'beef0000beef0000', labels: { alertname: 'DiskFull', severity: 'warning' }, annotations: {} })]),
      context,
    );
    expect(parsed).toEqual({
      ok: true,
      value: [
        {
          sender: 'alertmanager/klaxon',
          fingerprint: 'am-c0ffee00c0ffee00',
          occurrence: '2026-01-15T01:00:00.000Z',
          alertId: 'c0ffee00c0ffee00',
          origin: 'alertmanager/BacktestDown',
          title: 'BacktestDown: main.py is not running',
          level: 'critical',
          status: 'firing',
          at: Date.UTC(2026, 0, 15, 1),
        },
        expect.objectContaining({ fingerprint: 'am-beef0000beef0000', title: 'DiskFull', level: 'medium' }),
      ],
    });
  });

  it('takes a resolved alert at its end time, and a missing severity label as a warning', () => {
    const parsed = parseAlertmanagerWebhook(webhook([alert({ status: 'resolved', endsAt: '2026-01-15T01:30:00Z', labels: { alertname: 'X' } })], { status: 'resolved' }), context);
    expect(parsed.ok && parsed.value[0]).toMatchObject({ status: 'resolved', at: Date.UTC(2026, 0, 15, 1, 30), level: 'medium' });
  });

  it('derives a stable fingerprint from the label set when an old Alertmanager sends none', () => {
    const fp = (labels: Record<string, string>) => {
      const parsed = parseAlertmanagerWebhook(webhook([alert({ fingerprint: undefined, labels })]), context);
      return parsed.ok ? parsed.value[0]?.fingerprint : undefined;
    };
    expect(fp({ a: '1', b: '2' })).toMatch(/^am-[0-9a-f]{16}$/);
    expect(fp({ b: '2', a: '1' })).toBe(fp({ a: '1', b: '2' }));
    expect(fp({ a: '1', b: '3' })).not.toBe(fp({ a: '1', b: '2' }));
  });

  it('refuses a wrong shape with a one-line reason naming the field', () => {
    const reason = (body: unknown) => {
      const parsed = parseAlertmanagerWebhook(body, context);
      return parsed.ok ? 'accepted' : parsed.error;
    };
    expect(reason(webhook([]))).toBe('alerts: the webhook carries no alerts');
    expect(reason(webhook([alert()], { version: '3' }))).toMatch(/^version: only webhook version "4"/);
    expect(reason(webhook([alert({ status: 'pending' })]))).toMatch(/^alerts\.0\.status: /);
    expect(reason(webhook([alert(), alert({ startsAt: 'later' })]))).toMatch(/^alerts\.1\.startsAt: /);
    expect(reason({ alert: {} })).toMatch(/^status: /);
  });
});
