// The playbooks reference only allow-listed commands and keep the runbook's time boxes.
import { describe, it, expect } from 'vitest';
import { catalogue, playbooks } from '../../commands/index.js';

const ids = new Set(catalogue.map((spec) => spec.id));

describe('the playbooks', () => {
  it('cover the scenarios §4.1–§7.1 with their severities, the §8 suite and both §10.1 plans', () => {
    const scenarios = playbooks.filter((p) => p.kind === 'scenario').map((p) => [p.runbook, p.severity]);
    expect(scenarios).toEqual([
      ['§4.1', 'critical'], ['§4.2', 'critical'], ['§4.3', 'critical'],
      ['§5.1', 'high'], ['§5.2', 'high'],
      ['§6.1', 'medium'], ['§6.2', 'medium'],
      ['§7.1', 'low'],
    ]);
    expect(playbooks.filter((p) => p.kind === 'verification').map((p) => p.runbook)).toEqual(['§8']);
    expect(playbooks.filter((p) => p.kind === 'maintenance').map((p) => p.schedule)).toEqual(['weekly', 'monthly']);
  });

  it('have unique ids without ":"', () => {
    const playbookIds = playbooks.map((p) => p.id);
    expect(new Set(playbookIds).size).toBe(playbookIds.length);
    for (const id of playbookIds) expect(id).not.toContain(':');
  });

  it.each(playbooks.map((p) => [p.id, p] as const))('%s: every step runs catalogue commands or says what to do by hand', (_id, playbook) => {
    expect(playbook.steps.length).toBeGreaterThan(0);
    for (const step of playbook.steps) {
      for (const id of step.commands) expect(ids.has(id), id).toBe(true);
      expect(step.commands.length > 0 || step.manual !== undefined).toBe(true);
    }
    if (playbook.kind === 'scenario') expect(playbook.symptoms?.length).toBe(3);
  });

  it.each([
    ['critical.outage', [5, 10, 30]],
    ['critical.data-loss', [5, 15, 20]],
    ['critical.security', [2, 2, 10, undefined]],
    ['high.function-outage', [10, 20, 30]],
    ['high.performance', [5, 15, 20]],
    ['medium.partial-outage', [15, 30, 60]],
    ['medium.performance', [20, 45]],
    ['low.minor-issue', [30, undefined]],
    ['recovery.verification', [30, 20, 15, undefined, undefined, undefined]],
  ] as const)('%s keeps the runbook time boxes %j', (id, minutes) => {
    expect(playbooks.find((p) => p.id === id)?.steps.map((s) => s.withinMinutes)).toEqual(minutes);
  });

  it('keeps isolation and the call to the security lead as manual steps of §4.3', () => {
    const security = playbooks.find((p) => p.id === 'critical.security');
    const manual = security?.steps.filter((s) => s.manual).map((s) => s.manual?.ja);
    expect(manual).toEqual([expect.stringContaining('セキュリティポリシー'), expect.stringContaining('セキュリティ責任者')]);
  });

  it('runs every §8.1 verification command in the verification suite', () => {
    const suite = playbooks.find((p) => p.kind === 'verification')?.steps.flatMap((s) => s.commands) ?? [];
    for (const spec of catalogue.filter((s) => s.ticks === 'system_verified')) expect(suite).toContain(spec.id);
  });
});
