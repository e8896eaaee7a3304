import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, followUpRows, parseFollowUp, reminderAt, teamDay } from '../../src/domain/follow-up-items.js';
import { addFollowUps, setFollowUpState } from '../../src/domain/follow-ups.js';
import type { Actor, Incident } from '../../src/domain/incident.js';
import { closeIncident, declareIncident, resolveIncident } from '../../src/domain/lifecycle.js';
import { codeOf, must } from '../support/transitions.js';

const T0 = Date.UTC(2026, 2, 10, 1, 0); // 2026-03-10 10:00 JST
let keys = 0;
const by = (user: string, minutes = 1): Actor => ({ by: user, at: T0 + minutes * 60_000, key: `k-${(keys += 1)}` });
const declared = (): Incident => must(declareIncident({ number: 5, title: 'Disk full', severity: 'medium', source: 'slack' }, by('U1', 0)));
const context = { by: 'U1', today: '2026-03-10', kind: 'follow_up' as const };

describe('parseFollowUp', () => {
  it.each<[string, string, ReturnType<typeof parseFollowUp>]>([
    ['owner and day', 'Add a CI check <@U0L3DEV> 2026-03-20', { ok: true, value: { kind: 'follow_up', text: 'Add a CI check', owner: 'U0L3DEV', due: '2026-03-20' } }],
    ['day then owner', 'Add a CI check 2026-03-20 <@U0L3DEV>', { ok: true, value: { kind: 'follow_up', text: 'Add a CI check', owner: 'U0L3DEV', due: '2026-03-20' } }],
    ['in days', 'Pin pandas +3d', { ok: true, value: { kind: 'follow_up', text: 'Pin pandas', owner: 'U1', due: '2026-03-13' } }],
    ['defaults: mine, in a week', 'Pin pandas', { ok: true, value: { kind: 'follow_up', text: 'Pin pandas', owner: 'U1', due: '2026-03-17' } }],
    ['a mention inside the text stays text', 'Ask <@U2> about it', { ok: true, value: { kind: 'follow_up', text: 'Ask <@U2> about it', owner: 'U1', due: '2026-03-17' } }],
    ['today is allowed', 'x 2026-03-10', { ok: true, value: { kind: 'follow_up', text: 'x', owner: 'U1', due: '2026-03-10' } }],
    ['a past day', 'x 2026-03-09', { ok: false, error: { reason: 'bad_due', input: '2026-03-09' } }],
    ['no such day', 'x 2026-02-30', { ok: false, error: { reason: 'bad_due', input: '2026-02-30' } }],
    ['only an owner', '<@U0L2SYS> 2026-03-20', { ok: false, error: { reason: 'missing_text' } }],
    ['nothing', '   ', { ok: false, error: { reason: 'missing_text' } }],
    ['too long', 'x'.repeat(501), { ok: false, error: { reason: 'too_long', max: 500 } }],
  ])('%s', (_name, typed, expected) => {
    expect(parseFollowUp(typed, context)).toEqual(expected);
  });

  it('never throws and keeps the due day on or after today', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (typed) => {
        const parsed = parseFollowUp(typed, context);
        if (parsed.ok) expect(parsed.value.due >= context.today).toBe(true);
      }),
    );
  });
});

describe('follow-up dates', () => {
  it('reminds at 09:00 of the due day in the team zone, across month ends and zones', () => {
    expect(reminderAt('2026-03-20', 'Asia/Tokyo')).toBe(Date.UTC(2026, 2, 20, 0, 0));
    expect(reminderAt('2026-03-09', 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 13, 0)); // EDT from 03-08
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(teamDay(Date.UTC(2026, 2, 9, 15, 30), 'Asia/Tokyo')).toBe('2026-03-10');
  });
});

describe('follow-up transitions', () => {
  const draft = { kind: 'follow_up' as const, text: 'Add a CI check', owner: 'U0L3DEV', due: '2026-03-20' };

  it('numbers follow-ups in order, after the close too, and ticks the improvement plan', () => {
    const first = must(addFollowUps(declared(), [draft], by('U1', 5)));
    expect(first.actionItems).toEqual([{ ...draft, id: 'F1' }]);
    expect(first.checklist.improvement_plan.done).toBe(true);
    const resolved = must(resolveIncident(first, by('U1', 30)));
    const closed = must(closeIncident(resolved, { summary: 's', actions: 'a', followUp: 'f' }, by('U1', 40), { actionItems: [{ ...draft, kind: 'prevention', text: 'Alert on disk' }] }));
    const later = addFollowUps(closed, [{ ...draft, text: 'Runbook page' }], by('U2', 60));
    if (!later.ok) throw new Error(later.error.message);
    expect(later.value.incident.actionItems?.map((item) => item.id)).toEqual(['F1', 'F2', 'F3']);
    expect(later.value.events).toMatchObject([{ type: 'followup_added', item: 'F3', text: 'Runbook page', owner: 'U0L3DEV', due: '2026-03-20', by: 'U2' }]);
  });

  it('marks one done and open again, refusing an unknown id and a repeat', () => {
    const added = must(addFollowUps(declared(), [draft, { ...draft, text: 'Second' }], by('U1', 5)));
    const done = setFollowUpState(added, 'F2', 'done', by('U3', 90));
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.incident.actionItems?.[1]).toEqual({ ...draft, text: 'Second', id: 'F2', done: { by: 'U3', at: T0 + 90 * 60_000 } });
    expect(done.value.events).toMatchObject([{ type: 'followup_state', item: 'F2', state: 'done' }]);
    expect(codeOf(setFollowUpState(done.value.incident, 'F2', 'done', by('U3')))).toBe('no_change');
    expect(codeOf(setFollowUpState(done.value.incident, 'F9', 'done', by('U3')))).toBe('unknown_followup');
    const reopened = must(setFollowUpState(done.value.incident, 'F2', 'open', by('U1')));
    expect(reopened.actionItems?.[1]).toEqual({ ...draft, text: 'Second', id: 'F2' });
  });

  it('names items recorded before ids existed by their position', () => {
    const legacy: Incident = { ...declared(), actionItems: [{ kind: 'prevention', text: 'old' }, { kind: 'follow_up', text: 'older', owner: 'U2', due: '2026-03-12' }] };
    expect(followUpRows([legacy]).map((row) => [row.id, row.state])).toEqual([['F1', 'open'], ['F2', 'open']]);
    expect(must(setFollowUpState(legacy, 'F2', 'done', by('U2'))).actionItems?.[1]?.done?.by).toBe('U2');
  });
});
