import type { ActionsBlock, HeaderBlock, SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/domain/incident.js';
import { LOCALES } from '../../../src/domain/locale.js';
import { ACTION, BLOCK } from '../../../src/slack/ids.js';
import { incidentHeader } from '../../../src/slack/views/incident-header.js';
import { T0, allText, anIncident, clocksOf, expectSafeMessage, hostileIncident } from './view-fixtures.js';

const render = (incident: Incident, now = T0 + 60_000, timeZone = 'Asia/Tokyo', locale: 'en' | 'ja' = 'en') =>
  incidentHeader({ incident, clocks: clocksOf(incident, now), timeZone, locale });

const actionIds = (incident: Incident): string[] => {
  const row = render(incident).blocks.find((b): b is ActionsBlock => b.type === 'actions');
  return row === undefined ? [] : row.elements.map((e) => ('action_id' in e ? String(e.action_id) : ''));
};

const acked = { status: 'acknowledged', acknowledgedAt: T0 + 5 * 60_000, acknowledgedBy: 'U0ACK' } as const;
const resolved = { ...acked, status: 'resolved', resolvedAt: T0 + 40 * 60_000, resolvedBy: 'U0RES' } as const;
const closed = { ...resolved, status: 'closed', closedAt: T0 + 90 * 60_000, closedBy: 'U0CLOSE' } as const;

describe('incidentHeader', () => {
  it('shows the title, severity, commander, host and both clocks due in the team zone', () => {
    const message = render(anIncident());
    expectSafeMessage(message);
    expect((message.blocks[0] as HeaderBlock).text.text).toBe(':red_circle: inc-42: Backtest main process crashed');
    const text = allText(message.blocks);
    expect(text).toContain('<@U0COMMANDER>');
    expect(text).toContain('backtest-01');
    expect(text).toContain('*First response* due <!date^1773105300^{date_short_pretty} {time}|2026-03-10 10:15 JST>');
    expect(text).toContain('*Recovery* due <!date^1773108000^{date_short_pretty} {time}|2026-03-10 11:00 JST>');
    // The header stays on screen and is re-rendered only on a change: a state, never a countdown that goes stale.
    expect(text).toContain('10:15 JST> · :hourglass_flowing_sand: running');
    expect(text).not.toMatch(/left|min/);
    expect(message.text).toBe('inc-42: Backtest main process crashed (Critical, Declared)');
  });

  it.each([
    ['declared', {}, [ACTION.acknowledge, ACTION.postUpdate, ACTION.resolve, ACTION.severityMenu]],
    ['acknowledged', acked, [ACTION.postUpdate, ACTION.resolve, ACTION.severityMenu]],
    ['resolved', resolved, [ACTION.postUpdate, ACTION.close, ACTION.severityMenu]],
    ['closed', closed, []],
  ] as const)('offers the actions a %s incident allows', (_status, overrides, expected) => {
    expect(actionIds(anIncident(overrides as Partial<Incident>))).toEqual(expected);
  });

  it('asks before recording the recovery, and offers to take or hand over the lead until closed', () => {
    const blocks = render(anIncident(acked as Partial<Incident>)).blocks;
    const resolve = blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => 'action_id' in e && e.action_id === ACTION.resolve);
    expect(resolve && 'confirm' in resolve ? resolve.confirm?.title?.text : undefined).toBe('Record the recovery?');
    const lead = blocks.find((b): b is ActionsBlock => b.type === 'actions' && b.block_id === BLOCK.headerLead);
    expect(lead?.elements.map((e) => [e.type, 'action_id' in e ? e.action_id : ''])).toEqual([['button', ACTION.takeLead], ['users_select', ACTION.assignCommander]]);
    expect(render(anIncident(closed as Partial<Incident>)).blocks.some((b) => b.block_id === BLOCK.headerLead)).toBe(false);
  });

  it('offers the three other severities in its menu and keeps the block id stable', () => {
    const row = render(anIncident({ severity: 'high' })).blocks.find((b): b is ActionsBlock => b.type === 'actions');
    expect(row?.block_id).toBe(BLOCK.headerActions);
    const menu = row?.elements.find((e) => e.type === 'overflow');
    expect(menu?.type === 'overflow' ? menu.options.map((o) => o.value) : []).toEqual(['critical', 'medium', 'low']);
  });

  it('says how a clock stands: overdue, met, missed', () => {
    const overdue = allText(render(anIncident(), T0 + 20 * 60_000).blocks);
    expect(overdue).toContain('10:15 JST> · :rotating_light: overdue');
    expect(overdue).not.toContain('overdue by');
    const text = allText(render(anIncident(resolved as Partial<Incident>), T0 + 60 * 60_000).blocks);
    expect(text).toContain('met, 10 min to spare');
    expect(text).toContain('met, 20 min to spare');
    const late = { ...acked, acknowledgedAt: T0 + 25 * 60_000 };
    expect(allText(render(anIncident(late as Partial<Incident>)).blocks)).toContain('missed by 10 min');
  });

  it('shows due times in America/New_York across the March DST change', () => {
    const declaredAt = Date.UTC(2026, 2, 8, 6, 30); // 01:30 EST, half an hour before clocks go forward
    const incident = anIncident({ severity: 'low', declaredAt, detectedAt: declaredAt });
    const text = allText(render(incident, declaredAt, 'America/New_York').blocks);
    expect(text).toContain('|2026-03-08 01:30 EST>');
    expect(text).toContain('|2026-03-08 06:30 EDT>');
    expect(text).toContain('|2026-03-09 02:30 EDT>');
  });

  it('shows due times in America/New_York across the November DST change', () => {
    const declaredAt = Date.UTC(2026, 10, 1, 5, 30); // 01:30 EDT; an hour later it is 01:30 EST
    const incident = anIncident({ declaredAt, detectedAt: declaredAt });
    const text = allText(render(incident, declaredAt, 'America/New_York').blocks);
    expect(text).toContain('|2026-11-01 01:30 EDT>');
    expect(text).toContain('|2026-11-01 01:30 EST>');
    expect(text).toContain('|2026-11-01 01:45 EDT>');
  });

  it('speaks Japanese in ja', () => {
    const message = render(anIncident(), T0 + 60_000, 'Asia/Tokyo', 'ja');
    const text = allText(message.blocks);
    for (const word of ['重要度', '緊急', '宣言済み', '対応責任者', '初期対応期限', '復旧期限', '初期対応を開始', '中間報告を投稿', '復旧を記録', '計測中', '対応責任者になる']) {
      expect(text).toContain(word);
    }
    expect((message.blocks[2] as SectionBlock).text?.text).toContain('*初期対応期限*\u3000<!date^');
  });

  it('stays within every limit and escapes everything for any incident', () => {
    fc.assert(
      fc.property(hostileIncident(), fc.constantFrom(...LOCALES), fc.integer({ min: 0, max: 3 * 86_400_000 }), (incident, locale, elapsed) => {
        const message = incidentHeader({ incident, clocks: clocksOf(incident, T0 + elapsed), timeZone: 'Asia/Tokyo', locale });
        expectSafeMessage(message);
      }),
      { numRuns: 150 },
    );
  });
});
