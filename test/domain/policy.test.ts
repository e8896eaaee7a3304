import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, mayApprove, mayRun, parsePolicy, slaFor, type Policy } from '../../src/domain/policy.js';
import { DEFAULT_SLA } from '../../src/domain/sla.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const parsed = (text: string, format: 'json' | 'yaml' = 'yaml'): Policy => {
  const result = parsePolicy(text, format);
  if (!result.ok) throw new Error(result.error.join('\n'));
  return result.value;
};
const problems = (text: string, format: 'json' | 'yaml' = 'yaml'): string[] => {
  const result = parsePolicy(text, format);
  return result.ok ? [] : result.error;
};

describe('defaultPolicy reproduces the runbook', () => {
  it.each([
    ['critical', 15, 60, 30],
    ['high', 30, 240, 60],
    ['medium', 60, 480, 240],
    ['low', 240, 1440, null],
  ] as const)('%s: §1.2 targets %i/%i min, interim every %s min', (severity, response, recovery, interim) => {
    expect(slaFor(defaultPolicy, severity)).toEqual({ responseMinutes: response, recoveryMinutes: recovery });
    expect(defaultPolicy.interimReportMinutes[severity]).toBe(interim);
  });

  it('has the §11.1 ladder with its hours', () => {
    expect(defaultPolicy.escalation.levels.map((l) => [l.level, l.name.ja, l.hours])).toEqual([
      [1, '運用担当者', 'always'],
      [2, 'システム管理者', 'always-if-critical'],
      [3, '開発チーム', 'business-or-critical'],
    ]);
    expect([defaultPolicy.reminders.atFractions, defaultPolicy.approvalTtlMinutes]).toEqual([[0.5, 0.8], 15]);
  });

  it.each([
    ['an empty YAML file', '', 'yaml'],
    ['an empty JSON object', '{}', 'json'],
  ] as const)('is what %s means', (_what, text, format) => {
    expect(parsed(text, format)).toEqual(defaultPolicy);
  });
});

describe('parsePolicy', () => {
  it('reads the complete example, the same one docs/policy.md shows', () => {
    const example = parsed(read('examples/policy.yaml'));
    expect(example.escalation.levels[1].members).toEqual([{ usergroup: 'S0SYSADMIN' }, { user: 'U0ADMINLEAD' }]);
    expect(example.roles.approvers).toEqual([{ user: 'U0ADMINLEAD' }, { user: 'U0DEVLEAD' }]);
    expect(example.businessHours).toEqual({ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00', timeZone: 'Asia/Tokyo' });
    expect(example.holidays).toContain('2026-01-01');
    const docsBlock = /```yaml\n([\s\S]*?)```/.exec(read('docs/policy.md'))?.[1];
    expect(docsBlock && parsed(docsBlock)).toEqual(example);
  });

  it('keeps the defaults of what a file leaves out', () => {
    const policy = parsed('sla:\n  critical: { responseMinutes: 10, recoveryMinutes: 45 }\n');
    expect(policy.sla).toEqual({ ...DEFAULT_SLA, critical: { responseMinutes: 10, recoveryMinutes: 45 } });
    expect(policy.roles).toEqual(defaultPolicy.roles);
  });

  it('reads JSON too', () => {
    expect(parsed('{"approvalTtlMinutes": 5, "roles": {"destructive": ["U0ROOT"]}}', 'json').roles.destructive).toEqual([{ user: 'U0ROOT' }]);
  });

  it('reports every problem at once, each with its path', () => {
    const text = [
      'sla:',
      '  high: { responseMinutes: 0, recoveryMinutes: 240 }',
      '  medium: { responseMinutes: 600, recoveryMinutes: 480 }',
      'escalation:',
      '  levels:',
      '    - { level: 1, name: { en: Ops, ja: 運用 }, members: [], hours: always }',
      '    - { level: 2, name: { en: Admins, ja: 管理 }, members: [ops], hours: always-if-critical }',
      '    - { level: 3, name: { en: Dev, ja: 開発 }, hours: sometimes }',
      'reminders: { atFractions: [0.5, 1.2] }',
      "businessHours: { days: [1, 8], open: '18:00', close: '09:00', timeZone: Mars/Olympus }",
      "holidays: ['2026-01-01', '2026-02-30']",
      'approvalTime: 15',
    ].join('\n');
    const found = problems(text);
    expect(found).toEqual(
      expect.arrayContaining([
        'sla.high.responseMinutes: Too small: expected number to be >0',
        'sla.medium.responseMinutes: responseMinutes must not exceed recoveryMinutes',
        `escalation.levels.1.members.0: expected a Slack user id ('U…'), a user group id ('S…'), {user: 'U…'} or {usergroup: 'S…'}, got "ops"`,
        'holidays.1: expected a date \'yyyy-MM-dd\'',
        'businessHours.timeZone: expected an IANA time zone such as Asia/Tokyo',
      ]),
    );
    for (const path of ['escalation.levels.2.hours', 'reminders.atFractions.1', 'businessHours.days.1']) {
      expect(found.some((p) => p.startsWith(`${path}: `))).toBe(true);
    }
    expect(found.some((p) => p.includes('approvalTime'))).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(9);
  });

  it.each([
    ['levels out of order', 'escalation:\n  levels:\n    - { level: 2, name: { en: a, ja: b }, hours: always }\n    - { level: 1, name: { en: a, ja: b }, hours: always }\n    - { level: 3, name: { en: a, ja: b }, hours: always }', 'escalation.levels.0.level'],
    ['closing before opening', "businessHours: { days: [1], open: '18:00', close: '09:00' }", 'businessHours.close'],
    ['a time that is not HH:mm', "businessHours: { days: [1], open: '9am', close: '18:00' }", 'businessHours.open'],
    ['no business day at all', "businessHours: { days: [], open: '09:00', close: '18:00' }", 'businessHours.days'],
  ])('refuses %s', (_what, text, path) => {
    expect(problems(text).some((p) => p.startsWith(`${path}: `))).toBe(true);
  });

  it.each([
    ['YAML', 'sla: [1', 'yaml', /^yaml: /],
    ['JSON', '{"sla": ', 'json', /^json: /],
  ] as const)('reports %s syntax errors as problems, not exceptions', (_what, text, format, pattern) => {
    const found = problems(text, format);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => pattern.test(p))).toBe(true);
  });
});

describe('mayRun and mayApprove', () => {
  const policy = parsed('roles: { mutating: [S0OPS], destructive: [U0ROOT, S0ADMINS], approvers: [U0LEAD] }');
  it.each([
    ['anyone, read-only', 'U0X', [], 'read-only', true],
    ['an ops member, mutating', 'U0X', ['S0OPS'], 'mutating', true],
    ['an outsider, mutating', 'U0X', ['S0DEV'], 'mutating', false],
    ['an ops member, destructive', 'U0X', ['S0OPS'], 'destructive', false],
    ['the named user, destructive', 'U0ROOT', [], 'destructive', true],
    ['an admin group member, destructive', 'U0Y', ['S0ADMINS'], 'destructive', true],
  ] as const)('%s → %s', (_who, user, groups, risk, expected) => {
    expect(mayRun(policy, user, groups, risk)).toBe(expected);
  });

  it('lets anyone run mutating commands while nobody is named, and nobody destructive ones', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (user, groups) => {
        expect(mayRun(defaultPolicy, user, groups, 'read-only')).toBe(true);
        expect(mayRun(defaultPolicy, user, groups, 'mutating')).toBe(true);
        expect(mayRun(defaultPolicy, user, groups, 'destructive')).toBe(false);
      }),
    );
  });

  it('takes approvers from roles.approvers, else from roles.destructive', () => {
    expect([mayApprove(policy, 'U0LEAD', []), mayApprove(policy, 'U0ROOT', [])]).toEqual([true, false]);
    const noApprovers = parsed('roles: { destructive: [U0ROOT] }');
    expect([mayApprove(noApprovers, 'U0ROOT', []), mayApprove(noApprovers, 'U0LEAD', [])]).toEqual([true, false]);
  });
});
