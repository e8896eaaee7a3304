import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { checkScheduledWork, defaultMaintenance, type MaintenancePolicy } from '../../src/domain/maintenance-policy.js';
import { parsePolicy } from '../../src/domain/policy.js';

const maintenanceOf = (yaml: string): MaintenancePolicy => {
  const parsed = parsePolicy(yaml, 'yaml');
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return parsed.value.maintenance;
};
const problems = (yaml: string): string[] => {
  const parsed = parsePolicy(yaml, 'yaml');
  return parsed.ok ? [] : parsed.error;
};

describe('the default plans reproduce runbook §10.1', () => {
  it.each([
    ['weekly', '§10.1-1', '週次予防メンテナンス', '0 6 * * 1', ['system.health-check', 'logs.rotate', 'cache.cleanup']],
    ['monthly', '§10.1-2', '月次総合メンテナンス', '0 7 1 * *', ['system.full-diagnostic', 'params.review', 'security.audit']],
  ])('%s (%s %s) runs at "%s": %j', (id, runbook, ja, cron, commands) => {
    const plan = defaultMaintenance.plans.find((p) => p.id === id);
    expect(plan).toMatchObject({ runbook, title: { ja }, cron, severity: 'low', enabled: true });
    expect(plan?.entries.map((e) => e.command)).toEqual(commands);
    // The catalogue entries carry the same runbook step.
    for (const command of commands) expect(catalogue.find((c) => c.id === command)?.runbook).toContain(runbook);
  });

  it('opens a failed run as a low incident (§7.1) and lets the mutating role press "Run now"', () => {
    expect(defaultMaintenance.plans.map((p) => p.severity)).toEqual(['low', 'low']);
    expect(defaultMaintenance.runNowRole).toBe('mutating');
  });

  it('has a daily canary comparing every metric, drift a medium incident', () => {
    expect(defaultMaintenance.canary).toMatchObject({
      enabled: true,
      cron: '30 5 * * *',
      command: 'canary.golden-run',
      severity: 'medium',
      failureSeverity: 'low',
      tolerance: { totalReturn: 0.0001, maxDrawdown: 0.0001, sharpeRatio: 0.001, tradeCount: 0, tradeListDigest: true },
    });
  });

  it('fits the catalogue: every entry exists, takes its parameters and needs no approval', () => {
    expect(checkScheduledWork(defaultMaintenance, catalogue)).toEqual([]);
  });
});

describe('the maintenance section of a policy file', () => {
  it('in examples/policy.yaml spells out the defaults, and fits the catalogue', () => {
    const example = maintenanceOf(readFileSync(new URL('../../examples/policy.yaml', import.meta.url), 'utf8'));
    expect(example.plans).toEqual(defaultMaintenance.plans.map((p) => (p.id === 'weekly' ? { ...p, timeZone: 'Asia/Tokyo' } : p)));
    expect(example.runNowRole).toBe(defaultMaintenance.runNowRole);
    expect(example.canary).toEqual({
      ...defaultMaintenance.canary,
      params: { start: '2024-01-04', end: '2024-03-29', symbol: '8306.T', strategy: 'VWAPBreakoutStrategy' },
    });
    expect(checkScheduledWork(example, catalogue)).toEqual([]);
  });

  it('replaces the default plans when it names plans, with per-plan defaults', () => {
    const m = maintenanceOf(`
maintenance:
  plans:
    nightly-check:
      title: { en: Nightly check, ja: 夜間チェック }
      cron: '0 2 * * *'
      timeZone: Europe/London
      entries: [system.health-check, { command: logs.tail-errors, params: { lines: 20 } }]
      channel: C0OPS
      host: backtest-1
`);
    expect(m.plans).toEqual([
      {
        id: 'nightly-check',
        title: { en: 'Nightly check', ja: '夜間チェック' },
        cron: '0 2 * * *',
        timeZone: 'Europe/London',
        entries: [{ command: 'system.health-check', params: {} }, { command: 'logs.tail-errors', params: { lines: '20' } }],
        channel: 'C0OPS',
        host: 'backtest-1',
        severity: 'low',
        enabled: true,
      },
    ]);
    expect(m.canary).toEqual(defaultMaintenance.canary);
  });

  it('turns scheduled maintenance off with an empty plan list', () => {
    expect(maintenanceOf('maintenance:\n  plans: {}\n').plans).toEqual([]);
  });

  it('reports every problem with its path', () => {
    expect(
      problems(`
maintenance:
  runNowRole: admin
  plans:
    Weekly_Plan:
      title: { en: W, ja: W }
      cron: '0 6 * * 1'
      entries: [system.health-check]
    weekly:
      title: { en: W }
      cron: '0 25 * * *'
      entries: []
      channel: '#Ops Room'
      severity: urgent
  canary:
    tolerance: {}
    cron: 'every day'
    timeZone: Mars/Olympus
`),
    ).toEqual([
      'maintenance.plans.weekly.title.ja: Invalid input: expected string, received undefined',
      'maintenance.plans.weekly.cron: cron: hour: "25" is not in 0–23',
      'maintenance.plans.weekly.entries: Too small: expected array to have >=1 items',
      "maintenance.plans.weekly.channel: expected a Slack channel id ('C…') or name ('ops')",
      'maintenance.plans.weekly.severity: Invalid option: expected one of "critical"|"high"|"medium"|"low"',
      'maintenance.runNowRole: Invalid option: expected one of "read-only"|"mutating"|"destructive"',
      'maintenance.canary.cron: cron: expected 5 fields (minute hour day month weekday) or 6 with seconds first, got 2',
      'maintenance.canary.timeZone: expected an IANA time zone such as Asia/Tokyo',
      'maintenance.canary.tolerance: compare at least one metric',
    ]);
  });

  it('reports the plan id rule', () => {
    expect(problems("maintenance:\n  plans:\n    Weekly_Plan: { title: { en: W, ja: W }, cron: '0 6 * * 1', entries: [system.health-check] }\n")).toEqual([
      "maintenance.plans.Weekly_Plan: a plan id is lowercase words joined by '-' (e.g. weekly)",
    ]);
  });

  it('checks plans against the catalogue: unknown commands, bad parameters, approvals', () => {
    const m = maintenanceOf(`
maintenance:
  plans:
    risky:
      title: { en: R, ja: R }
      cron: '0 6 * * 1'
      entries: [no.such-command, { command: logs.tail-errors, params: { lines: 0 } }, config.restore]
  canary:
    params: { symbol: '--help' }
`);
    const found = checkScheduledWork(m, catalogue);
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^maintenance\.plans\.risky\.entries\.0: .*no\.such-command/);
    expect(found[1]).toMatch(/^maintenance\.plans\.risky\.entries\.1: .*lines/);
    expect(found[2]).toBe("maintenance.plans.risky.entries.2: config.restore needs a second person's approval, which a schedule cannot give");
    expect(found[3]).toMatch(/^maintenance\.canary\.command: .*symbol/);
  });
});
