import type { ContextBlock, HeaderBlock, SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { compareCanary } from '../../../src/domain/canary.js';
import { LOCALES } from '../../../src/domain/locale.js';
import { defaultCanary, defaultPlans } from '../../../src/domain/maintenance-policy.js';
import { recordEntry, recordLog, startPlanRun } from '../../../src/domain/maintenance-run.js';
import { canaryComparison } from '../../../src/slack/views/canary-comparison.js';
import { maintenanceList, RUN_NOW_ACTION } from '../../../src/slack/views/maintenance-list.js';
import { maintenanceSummary } from '../../../src/slack/views/maintenance-summary.js';
import { expectSafeMessage, hostileText } from './view-fixtures.js';

const weekly = defaultPlans[0]!;
const T0 = Date.UTC(2026, 11, 6, 21, 0);
const commandOf = (id: string) => catalogue.find((c) => c.id === id);
const text = (block: unknown) => (block as SectionBlock).text?.text ?? '';

describe('maintenanceSummary', () => {
  it('shows each entry as it finishes, the log line and the incident of a failed run', () => {
    let run = startPlanRun(weekly, { kind: 'schedule' }, T0, { host: 'backtest-1', channel: 'C0OPS' });
    run = recordEntry(run, 0, { status: 'succeeded', durationMs: 65_000, exitCode: 0 }, T0 + 1);
    run = recordEntry(run, 1, { status: 'failed', durationMs: 2_000, exitCode: 2 }, T0 + 2);
    const running = maintenanceSummary({ run, title: weekly.title, runbook: weekly.runbook, commandOf, locale: 'en', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(running);
    expect((running.blocks[0] as HeaderBlock).text.text).toBe('Weekly preventive maintenance (§10.1-1) — running');
    expect(text(running.blocks[1]).split('\n')).toEqual([
      `:white_check_mark: ${commandOf('system.health-check')?.title.en} \`system.health-check\` — succeeded · 1 min`,
      `:x: ${commandOf('logs.rotate')?.title.en} \`logs.rotate\` — failed · 2 s · exit 2`,
      `:white_circle: ${commandOf('cache.cleanup')?.title.en} \`cache.cleanup\` — waiting`,
    ]);
    run = recordLog(recordEntry(run, 2, { status: 'succeeded' }, T0 + 3), 'succeeded');
    const done = maintenanceSummary({ run, title: weekly.title, commandOf, locale: 'ja', timeZone: 'Asia/Tokyo', incidentChannel: 'C0INC' });
    expect((done.blocks[0] as HeaderBlock).text.text).toBe('週次予防メンテナンス — 失敗');
    const facts = (done.blocks[2] as ContextBlock).elements.map((e) => ('text' in e ? e.text : ''));
    expect(facts).toContain(':white_check_mark: logs/maintenance.log');
    expect(facts).toContain('インシデント: <#C0INC>');
    expect(done.text).toContain('失敗');
  });
});

describe('maintenanceList', () => {
  it('lists plans with next and last runs and offers "Run now" only to the role', () => {
    const last = startPlanRun(weekly, { kind: 'manual', by: 'U1' }, T0, { host: 'backtest-1', channel: 'C0OPS' });
    const input = {
      plans: [{ plan: weekly, next: T0 + 7 * 86_400_000, last }, { plan: { ...defaultPlans[1]!, enabled: false } }],
      canary: { cron: defaultCanary.cron, next: T0 + 3_600_000, last: { runId: 'r', at: T0, outcome: 'drift' as const } },
      locale: 'en' as const,
      timeZone: 'Asia/Tokyo',
      runNowRole: 'mutating',
    };
    const allowed = maintenanceList({ ...input, mayRunNow: true });
    expectSafeMessage(allowed);
    const buttons = allowed.blocks.flatMap((b) => ((b as SectionBlock).accessory ? [(b as SectionBlock).accessory as { action_id: string; value: string }] : []));
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual([[RUN_NOW_ACTION, 'weekly'], [RUN_NOW_ACTION, 'monthly'], [RUN_NOW_ACTION, 'canary']]);
    expect(JSON.stringify(allowed.blocks)).toContain('disabled');
    expect(JSON.stringify(allowed.blocks)).toContain(':warning:');
    const denied = maintenanceList({ ...input, mayRunNow: false });
    expect(JSON.stringify(denied.blocks)).not.toContain(RUN_NOW_ACTION);
    expect(JSON.stringify(denied.blocks)).toContain('needs the mutating role');
  });

  it('stays within every limit whatever the titles', () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), fc.constantFrom(...LOCALES), (en, ja, locale) => {
        const plan = { ...weekly, title: { en, ja } };
        expectSafeMessage(maintenanceList({ plans: Array.from({ length: 30 }, () => ({ plan })), mayRunNow: true, locale, timeZone: 'UTC', runNowRole: 'mutating' }));
      }),
      { numRuns: 30 },
    );
  });
});

describe('canaryComparison', () => {
  it('shows the drift table and both snapshots', () => {
    const comparison = compareCanary({ tradeCount: 4, totalReturn: 0.1 }, { tradeCount: 5, totalReturn: 0.1 }, defaultCanary.tolerance);
    const message = canaryComparison({ comparison, baselineAt: T0, snapshots: { before: 'commit aaa', after: 'commit bbb' }, locale: 'en', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const all = message.blocks.map(text).join('\n');
    expect(all).toContain('Backtest results drifted');
    expect(all).toContain('Trades        4          5         +1          ±0         ⚠');
    expect(all).toContain('commit aaa');
    expect(all).toContain('commit bbb');
    expect(message.text).toContain('Trades');
  });

  it('says so when the results match, and when there was nothing to compare with', () => {
    const same = compareCanary({ tradeCount: 4 }, { tradeCount: 4 }, defaultCanary.tolerance);
    expect(text(canaryComparison({ comparison: same, locale: 'ja', timeZone: 'Asia/Tokyo' }).blocks[0])).toContain('一致');
    expect(text(canaryComparison({ locale: 'en', timeZone: 'Asia/Tokyo' }).blocks[0])).toContain('kept as the reference');
  });
});
