import { describe, expect, it } from 'vitest';
import { playbooksFor, referencedCommandIds, stepDueTimes, type Playbook } from '../../src/domain/playbook.js';

const title = (en: string) => ({ en, ja: en });
const PLAYBOOKS: readonly Playbook[] = [
  {
    id: 'system-down', kind: 'scenario', title: title('System down'), runbook: '§4.1', severity: 'critical',
    steps: [
      { title: title('Secure'), withinMinutes: 5, commands: ['availability.kill-python', 'availability.clear-temp'] },
      { title: title('Diagnose'), withinMinutes: 10, commands: ['availability.python-version', 'availability.compile'] },
      { title: title('Recover'), withinMinutes: 30, commands: ['availability.restore-config', 'availability.safe-mode'] },
    ],
  },
  {
    id: 'security', kind: 'scenario', title: title('Security'), runbook: '§4.3', severity: 'critical',
    steps: [
      { title: title('Isolate'), withinMinutes: 2, commands: ['availability.kill-python'] },
      { title: title('Call the security lead'), commands: [], manual: title('Call the security lead') },
    ],
  },
  { id: 'partial', kind: 'scenario', title: title('Partial outage'), runbook: '§6.1', severity: 'medium', steps: [{ title: title('Scope'), withinMinutes: 15, commands: ['triage.basic-test'] }] },
  { id: 'verify', kind: 'verification', title: title('Verify'), runbook: '§8.1', severity: 'critical', steps: [{ title: title('Matrix'), withinMinutes: 30, commands: ['recovery.matrix'] }] },
];

describe('playbooksFor', () => {
  it.each([
    ['critical', ['system-down', 'security']],
    ['high', []],
    ['medium', ['partial']],
    ['low', []],
  ] as const)('offers the %s scenarios only', (severity, ids) => {
    expect(playbooksFor(PLAYBOOKS, severity).map((p) => p.id)).toEqual(ids);
  });
});

describe('stepDueTimes', () => {
  it('counts each time box from the start, and leaves untimed steps without a due time', () => {
    const start = Date.UTC(2026, 0, 5, 1, 0);
    expect(stepDueTimes(PLAYBOOKS[0] as Playbook, start).map((s) => [s.index, s.dueAt])).toEqual([
      [0, start + 5 * 60_000],
      [1, start + 10 * 60_000],
      [2, start + 30 * 60_000],
    ]);
    const security = stepDueTimes(PLAYBOOKS[1] as Playbook, start);
    expect(security[1]).toEqual({ index: 1, step: PLAYBOOKS[1]?.steps[1] });
  });
});

describe('referencedCommandIds', () => {
  it('lists every command once, in first-use order', () => {
    expect(referencedCommandIds(PLAYBOOKS)).toEqual([
      'availability.kill-python', 'availability.clear-temp', 'availability.python-version', 'availability.compile',
      'availability.restore-config', 'availability.safe-mode', 'triage.basic-test', 'recovery.matrix',
    ]);
  });
});
