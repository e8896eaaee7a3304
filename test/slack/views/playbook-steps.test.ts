import type { Button, SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue, findCommand, playbooks } from '../../../commands/index.js';
import type { CommandSpec, Risk } from '../../../src/domain/catalogue.js';
import { LOCALES } from '../../../src/domain/locale.js';
import type { Playbook } from '../../../src/domain/playbook.js';
import { ACTION } from '../../../src/slack/ids.js';
import { playbookSteps, runButton } from '../../../src/slack/views/playbook-steps.js';
import { T0, allText, expectSafeMessage, hostileText } from './view-fixtures.js';

const runButtons = (blocks: readonly unknown[]): Button[] =>
  (blocks as SectionBlock[]).flatMap((b) => (b.accessory?.type === 'button' && b.accessory.action_id === ACTION.runCommand ? [b.accessory] : []));

const spec = (risk: Risk, requiresApproval?: boolean): CommandSpec => ({
  id: `test.${risk}`,
  title: { en: 'Restore config', ja: '設定復旧' },
  runbook: ['§4.2-2'],
  risk,
  timeoutMs: 60_000,
  outputCapBytes: 1_000_000,
  action: { kind: 'argv', argv: ['python', 'x.py'] },
  ...(requiresApproval === undefined ? {} : { requiresApproval }),
});

describe('runButton', () => {
  it.each([
    ['read-only', undefined, 'Run', undefined, false],
    ['mutating', undefined, 'Run', undefined, true],
    ['destructive', false, 'Run (needs role)', 'danger', true],
    ['destructive', true, 'Request approval', 'danger', true],
  ] as const)('%s (approval %s) → %s', (risk, approval, label, style, confirms) => {
    const b = runButton(spec(risk, approval), 'en');
    expect(b.text.text).toBe(label);
    expect(b.style).toBe(risk === 'read-only' ? 'primary' : style);
    expect(b.confirm !== undefined).toBe(confirms);
    expect(JSON.parse(b.value ?? '')).toEqual({ commandId: `test.${risk}` });
  });
});

describe('playbookSteps', () => {
  it.each(LOCALES)('renders every playbook of the catalogue within the limits (%s)', (locale) => {
    for (const playbook of playbooks) {
      const message = playbookSteps({ playbook, commands: findCommand, locale, timeZone: 'Asia/Tokyo', startedAt: T0 });
      expectSafeMessage(message);
      const commandIds = playbook.steps.flatMap((s) => s.commands);
      expect(runButtons(message.blocks).map((b) => JSON.parse(b.value ?? '').commandId)).toEqual(commandIds);
    }
  });

  it('shows time boxes with a team-zone deadline, manual steps as text, and unknown commands as a warning', () => {
    const known = catalogue[0];
    if (known === undefined) throw new Error('empty catalogue');
    const playbook: Playbook = {
      id: 'test.scenario',
      kind: 'scenario',
      title: { en: 'System down', ja: 'システム完全停止' },
      runbook: '§4.1',
      severity: 'critical',
      symptoms: [{ en: 'main.py will not start', ja: 'main.pyが実行できない' }],
      steps: [
        { title: { en: 'Make it safe', ja: '即座の安全確保' }, withinMinutes: 5, commands: [known.id, 'no.such-command'] },
        { title: { en: 'Call security', ja: 'セキュリティチーム連絡' }, commands: [], manual: { en: 'Phone the security lead', ja: '即座にセキュリティ責任者に連絡' } },
      ],
    };
    const message = playbookSteps({ playbook, commands: findCommand, locale: 'ja', timeZone: 'Asia/Tokyo', startedAt: T0 });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('*1. 即座の安全確保* · 5分以内（10:05 JSTまで）');
    expect(text).toContain('手動手順: 即座にセキュリティ責任者に連絡');
    expect(text).toContain('不明なコマンド：`no.such-command`');
    expect(text).toContain('main.pyが実行できない');
    expect(runButtons(message.blocks)).toHaveLength(1);
  });

  it('says on the step how a command departs from the runbook, in the team language', () => {
    const safeMode = findCommand('run.safe-mode');
    if (safeMode?.departure === undefined) throw new Error('run.safe-mode has no departure');
    const playbook: Playbook = { id: 'test.restart', kind: 'scenario', title: { en: 'Restart', ja: '再起動' }, runbook: '§4.1', severity: 'critical', steps: [{ title: { en: 'Recover', ja: '復旧実行' }, commands: ['run.safe-mode', 'env.python-version'] }] };
    for (const locale of LOCALES) {
      const text = allText(playbookSteps({ playbook, commands: findCommand, locale, timeZone: 'Asia/Tokyo' }).blocks);
      expect(text).toContain(`:information_source: ${locale === 'ja' ? 'セーフモードは存在しない' : 'There is no safe mode'}`);
      expect(text.match(/:information_source:/g)).toHaveLength(1);
    }
  });

  it('stays within 50 blocks and every limit for huge hostile playbooks', () => {
    const step = fc.record(
      {
        title: fc.record({ en: hostileText(), ja: hostileText() }),
        withinMinutes: fc.integer({ min: 1, max: 600 }),
        commands: fc.array(fc.constantFrom(...catalogue.map((c) => c.id), 'unknown.x'), { maxLength: 6 }),
        manual: fc.record({ en: hostileText(), ja: hostileText() }),
      },
      { requiredKeys: ['title', 'commands'] },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), hostileText(), fc.constantFrom(...LOCALES), (steps, title, locale) => {
        const playbook: Playbook = { id: 'p', kind: 'scenario', title: { en: title, ja: title }, runbook: '§4.1', steps, symptoms: [{ en: title, ja: title }] };
        const message = playbookSteps({ playbook, commands: findCommand, locale, timeZone: 'America/New_York', startedAt: T0 });
        expectSafeMessage(message);
        expect(message.blocks.length).toBeLessThanOrEqual(50);
      }),
      { numRuns: 60 },
    );
  });
});
