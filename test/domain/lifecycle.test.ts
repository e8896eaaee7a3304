import { describe, expect, it } from 'vitest';
import { must, codeOf } from '../support/transitions.js';
import type { Actor, Incident, ReportFields } from '../../src/domain/incident.js';
import { escalate, recordClockAlarm } from '../../src/domain/clock-records.js';
import {
  addNote, assignRole, attachAlert, changeSeverity, pinMessage, postUpdate, recordReportWritten, recordStakeholdersNotified,
} from '../../src/domain/incident-records.js';
import { recordApproval, recordJobFinished, recordJobQueued, recordJobStarted, recordVerification } from '../../src/domain/job-records.js';
import { acknowledge, closeIncident, declareIncident, reopenIncident, resolveIncident, TITLE_MAX_LENGTH, type TransitionResult } from '../../src/domain/lifecycle.js';
import { setItem, toggleItem } from '../../src/domain/checklist-rules.js';
import type { Severity } from '../../src/domain/severity.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 1, 0);
let keys = 0;
const by = (user: string, minutes = 1): Actor => ({ by: user, at: T0 + minutes * MIN, key: `req-${(keys += 1)}` });


const FULL: ReportFields = { summary: 's', impact: 'i', actions: 'a', rootCause: 'r', prevention: 'p', followUp: 'f' };
const job = { jobId: 'j1', commandId: 'triage.log-bundle', host: 'bt-1' };
const finished = { ...job, outcome: 'succeeded' as const, exitCode: 0, durationMs: 900, outputDigest: 'abc', files: [] };
const logsTick = (id: string) => (id === 'triage.log-bundle' ? ('initial_logs' as const) : undefined);

const declared = (severity: Severity = 'critical'): Incident =>
  must(declareIncident({ number: 42, title: 'main.py will not start', severity, source: 'slack', host: 'bt-1' }, by('U1', 0)));
const acknowledged = (severity: Severity = 'critical') => must(acknowledge(declared(severity), by('U2', 5)));
const resolved = (severity: Severity = 'critical') => must(resolveIncident(acknowledged(severity), by('U2', 40)));
const closed = (severity: Severity = 'critical') => must(closeIncident(resolved(severity), FULL, by('U2', 90), { unverifiedReason: 'verified by hand' }));

describe('declareIncident', () => {
  it('opens inc-<number> at version 1 with detection and severity ticked as evidence', () => {
    const actor = by('U1', 0);
    const result = declareIncident({ number: 42, title: '  main.py will not start ', severity: 'high', source: 'slack', detectedAt: T0 - 3 * MIN }, actor);
    if (!result.ok) throw new Error(result.error.message);
    const { incident, events } = result.value;
    expect(incident).toMatchObject({
      id: 'inc-42', number: 42, title: 'main.py will not start', severity: 'high', status: 'declared', declaredAt: actor.at,
      detectedAt: T0 - 3 * MIN, declaredBy: 'U1', responders: ['U1'], escalationLevel: 1, version: 1, report: {}, roles: { commander: 'U1' },
    });
    expect(incident.checklist.detection_time).toEqual({ done: true, by: 'U1', at: actor.at, auto: true });
    expect(incident.checklist.severity_assessed.auto).toBe(true);
    expect(Object.values(incident.checklist).filter((e) => e.done)).toHaveLength(2);
    expect(events.map((e) => [e.id, e.type, e.at, e.by, e.incidentId])).toEqual([
      [actor.key, 'declared', actor.at, 'U1', 'inc-42'],
      [`${actor.key}.1`, 'checklist_ticked', actor.at, 'U1', 'inc-42'],
      [`${actor.key}.2`, 'checklist_ticked', actor.at, 'U1', 'inc-42'],
    ]);
  });

  it('does not count an alert source as a responder, and takes a future detection time as the declaration', () => {
    const actor = by('alert:backtest', 0);
    const incident = must(declareIncident({ number: 3, title: 'CPU high', severity: 'medium', source: 'alert', detectedAt: actor.at + 5 * MIN }, actor));
    expect(incident.responders).toEqual([]);
    expect(incident.roles).toEqual({});
    expect(incident.detectedAt).toBe(actor.at);
  });

  it('keeps 発生時刻 apart from detection, never after it', () => {
    const actor = by('U1', 0);
    const started = must(declareIncident({ number: 4, title: 't', severity: 'high', source: 'slack', detectedAt: T0 - 10 * MIN, startedAt: T0 - 40 * MIN }, actor));
    expect([started.startedAt, started.detectedAt, started.declaredAt]).toEqual([T0 - 40 * MIN, T0 - 10 * MIN, actor.at]);
    const late = must(declareIncident({ number: 5, title: 't', severity: 'high', source: 'slack', detectedAt: T0 - 10 * MIN, startedAt: T0 }, actor));
    expect(late.startedAt).toBe(T0 - 10 * MIN);
  });

  it.each([
    ['empty', '', 1],
    ['blank', '   ', 1],
    ['too long', 'x'.repeat(TITLE_MAX_LENGTH + 1), 1],
    ['number zero', 'ok', 0],
    ['fractional number', 'ok', 1.5],
  ])('refuses a %s input as a usage error', (_what, title, number) => {
    expect(codeOf(declareIncident({ number, title, severity: 'low', source: 'slack' }, by('U1')))).toBe('usage');
  });

  it('accepts a title of exactly the maximum length', () => {
    expect(codeOf(declareIncident({ number: 1, title: 'x'.repeat(TITLE_MAX_LENGTH), severity: 'low', source: 'slack' }, by('U1')))).toBe('ok');
  });
});

describe('acknowledge (first response)', () => {
  it('records who responded and when, ticks 対応実施時刻記録, and bumps the version', () => {
    const before = declared();
    const actor = by('U2', 4);
    const result = acknowledge(before, actor);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.incident).toMatchObject({ status: 'acknowledged', acknowledgedAt: actor.at, acknowledgedBy: 'U2', version: 2, responders: ['U1', 'U2'] });
    expect(result.value.incident.checklist.response_time).toEqual({ done: true, by: 'U2', at: actor.at, auto: true });
    expect(result.value.events.map((e) => [e.id, e.type])).toEqual([[actor.key, 'acknowledged'], [`${actor.key}.1`, 'checklist_ticked']]);
  });

  it.each([
    ['an acknowledged incident', () => acknowledged(), 'U3', 'already_acknowledged'],
    ['a resolved incident', () => resolved(), 'U3', 'already_acknowledged'],
    ['a closed incident', () => closed(), 'U3', 'closed'],
    ['an automatic actor', () => declared(), 'klaxon', 'not_a_person'],
    ['an alert', () => declared(), 'alert:am', 'not_a_person'],
  ])('refuses %s', (_what, make, user, code) => {
    expect(codeOf(acknowledge(make(), by(user)))).toBe(code);
  });
});

type Action = (incident: Incident, actor: Actor) => TransitionResult;
const HUMAN_ACTIONS: readonly [string, Action][] = [
  ['tick', (i, a) => toggleItem(i, 'impact_assessed', a)],
  ['note', (i, a) => addNote(i, 'looking at logs', a)],
  ['update', (i, a) => postUpdate(i, 'restart in progress', a)],
  ['run', (i, a) => recordJobQueued(i, { ...job, params: {} }, a)],
  ['severity', (i, a) => changeSeverity(i, 'high', a)],
  ['assign', (i, a) => assignRole(i, 'commander', 'U9', a)],
  ['resolve', (i, a) => resolveIncident(i, a)],
];

describe('the implicit first response', () => {
  it.each(HUMAN_ACTIONS)('a person doing "%s" on a declared incident makes the first response', (_name, action) => {
    const actor = by('U7', 8);
    const result = action(declared(), actor);
    if (!result.ok) throw new Error(result.error.message);
    const { incident, events } = result.value;
    expect(incident.status === 'acknowledged' || incident.status === 'resolved').toBe(true);
    expect(incident.status !== 'declared' && [incident.acknowledgedAt, incident.acknowledgedBy]).toEqual([actor.at, 'U7']);
    expect(incident.checklist.response_time).toMatchObject({ done: true, auto: true });
    expect(events[0]?.id).toBe(actor.key);
    expect(events.map((e) => e.type)).toContain('acknowledged');
    expect(incident.responders).toEqual(['U1', 'U7']);
  });

  it.each(HUMAN_ACTIONS.filter(([name]) => ['note', 'update', 'run', 'severity', 'assign'].includes(name)))(
    'klaxon doing "%s" does not respond and is no responder',
    (_name, action) => {
      const incident = must(action(declared(), by('klaxon')));
      expect(incident.status).toBe('declared');
      expect(incident.responders).toEqual(['U1']);
      expect(incident.checklist.response_time.done).toBe(false);
    },
  );

  it('an automatic actor can neither resolve a declared incident nor tick by hand', () => {
    expect(codeOf(resolveIncident(declared(), by('alert:am')))).toBe('not_acknowledged');
    expect(codeOf(toggleItem(declared(), 'impact_assessed', by('klaxon')))).toBe('not_a_person');
  });

  it.each([
    ['pin', (i: Incident, a: Actor) => pinMessage(i, { text: 'see this', author: 'U4', originalAt: T0 }, a)],
    ['approval', (i: Incident, a: Actor) => recordApproval(i, { jobId: 'j', commandId: 'c', decision: 'approved' }, a)],
    ['alert', (i: Incident, a: Actor) => attachAlert(i, { alertId: 'a1', title: 't', source: 's' }, a)],
  ])('"%s" by a person records them as a responder without responding', (_name, action) => {
    const incident = must(action(declared(), by('U5')));
    expect([incident.status, incident.responders]).toEqual(['declared', ['U1', 'U5']]);
  });
});

describe('resolveIncident', () => {
  it('records recovery and ticks 復旧確認', () => {
    const actor = by('U2', 30);
    const result = resolveIncident(acknowledged(), actor);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.incident).toMatchObject({ status: 'resolved', resolvedAt: actor.at, resolvedBy: 'U2', version: 3 });
    expect(result.value.incident.checklist.recovery_confirmed).toMatchObject({ done: true, auto: true });
    expect(result.value.events.map((e) => e.type)).toEqual(['resolved', 'checklist_ticked']);
  });

  it('refuses to resolve twice or after close', () => {
    expect(codeOf(resolveIncident(resolved(), by('U2')))).toBe('already_resolved');
    expect(codeOf(resolveIncident(closed(), by('U2')))).toBe('closed');
  });
});

describe('closeIncident', () => {
  it.each([
    ['declared', declared],
    ['acknowledged', acknowledged],
  ])('refuses a %s incident as not_resolved', (_status, make) => {
    expect(codeOf(closeIncident(make(), FULL, by('U2')))).toBe('not_resolved');
  });

  it.each([
    ['critical', { summary: 's', actions: 'a', followUp: 'f' }, ['impact', 'rootCause', 'prevention']],
    ['high', { summary: 's', impact: ' ', actions: 'a', rootCause: 'r' }, ['impact', 'prevention']],
    ['medium', { summary: 's', impact: 'i', rootCause: 'r' }, ['actions', 'followUp']],
    ['low', {}, ['summary', 'actions', 'followUp']],
  ] as const)('needs the §9.1 fields of a %s report', (severity, fields, missing) => {
    const result = closeIncident(resolved(severity), fields, by('U2'));
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'missing_fields', fields: missing });
  });

  it.each([
    ['critical', FULL, ['root_cause', 'prevention', 'improvement_plan']],
    ['low', { summary: 's', actions: 'a', followUp: 'f' }, ['improvement_plan']],
  ] as const)('closes a %s incident with its fields, which the report keeps and which tick what they prove', (severity, fields, ticked) => {
    const actor = by('U3', 100);
    const result = closeIncident(resolved(severity), fields, actor, { unverifiedReason: 'smoke-tested by hand' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.incident).toMatchObject({ status: 'closed', closedAt: actor.at, closedBy: 'U3', report: fields });
    expect(result.value.events.map((e) => [e.type, 'item' in e ? e.item : undefined])).toEqual([['closed', undefined], ...ticked.map((item) => ['checklist_ticked', item])]);
    for (const item of ticked) expect(result.value.incident.checklist[item]).toEqual({ done: true, by: 'U3', at: actor.at, auto: true });
  });

  it.each(['critical', 'high'] as const)('refuses to close a %s incident whose verification never passed without a reason, and keeps the reason', (severity) => {
    expect(codeOf(closeIncident(resolved(severity), FULL, by('U3')))).toBe('verification_required');
    expect(codeOf(closeIncident(resolved(severity), FULL, by('U3'), { unverifiedReason: '   ' }))).toBe('verification_required');
    const result = closeIncident(resolved(severity), FULL, by('U3'), { unverifiedReason: ' suite host is down ' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.incident).toMatchObject({ status: 'closed', unverifiedReason: 'suite host is down' });
    expect(result.value.events[0]).toMatchObject({ type: 'closed', unverifiedReason: 'suite host is down' });
  });

  it('closes a verified major incident, and a medium one, without a reason', () => {
    const verified = must(recordVerification(resolved('high'), { passed: true, failed: [] }, by('klaxon', 50)));
    expect(codeOf(closeIncident(verified, FULL, by('U3')))).toBe('ok');
    expect(codeOf(closeIncident(resolved('medium'), FULL, by('U3')))).toBe('ok');
  });

  it('keeps action items with owners and due dates, dropping blank ones, after those recorded before', () => {
    const items = [
      { kind: 'prevention' as const, text: 'pin pandas', owner: 'U3', due: '2026-03-13' },
      { kind: 'follow_up' as const, text: '  ', owner: 'U3', due: '2026-03-13' },
    ];
    const earlier = { kind: 'follow_up' as const, text: 'add a CI check', owner: 'U2', due: '2026-03-20', id: 'F1' };
    const result = closeIncident({ ...resolved('low'), actionItems: [earlier] }, { summary: 's', actions: 'a', followUp: 'f' }, by('U3'), { actionItems: items });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.incident.actionItems).toEqual([earlier, { ...items[0], id: 'F2' }]);
    expect(result.value.events.filter((e) => e.type === 'followup_added')).toMatchObject([{ item: 'F2', text: 'pin pandas', owner: 'U3', due: '2026-03-13' }]);
    expect(result.value.incident.checklist.prevention.done).toBe(true);
  });
});

describe('reopenIncident', () => {
  it('takes a resolved incident back to responding with a reason, and unticks 復旧確認', () => {
    const result = reopenIncident(resolved(), 'errors are back', by('U2', 50));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.incident.status).toBe('acknowledged');
    expect('resolvedAt' in result.value.incident).toBe(false);
    expect(result.value.incident.checklist.recovery_confirmed).toMatchObject({ done: false, reason: 'errors are back' });
    expect(result.value.events[0]).toMatchObject({ type: 'reopened', reason: 'errors are back' });
  });

  it('needs a reason and a resolved incident', () => {
    expect(codeOf(reopenIncident(resolved(), ' ', by('U2')))).toBe('reason_required');
    expect(codeOf(reopenIncident(acknowledged(), 'x', by('U2')))).toBe('not_resolved');
    expect(codeOf(reopenIncident(closed(), 'x', by('U2')))).toBe('closed');
  });
});

describe('the other transitions', () => {
  it('changes severity, records from/to, and refuses the same severity', () => {
    const result = changeSeverity(acknowledged('medium'), 'critical', by('U2'));
    expect(result.ok && [result.value.incident.severity, result.value.events[0]]).toMatchObject(['critical', { type: 'severity_changed', from: 'medium', to: 'critical' }]);
    expect(codeOf(changeSeverity(acknowledged('medium'), 'medium', by('U2')))).toBe('no_change');
  });

  it('assigns a role once', () => {
    const incident = must(assignRole(acknowledged(), 'commander', 'U9', by('U2')));
    expect(incident.roles).toEqual({ commander: 'U9' });
    expect(codeOf(assignRole(incident, 'commander', 'U9', by('U2')))).toBe('no_change');
  });

  it('refuses blank notes and updates; an update ticks 中間報告実施', () => {
    expect(codeOf(addNote(acknowledged(), ' \n', by('U2')))).toBe('usage');
    expect(codeOf(postUpdate(acknowledged(), '', by('U2')))).toBe('usage');
    expect(must(postUpdate(acknowledged(), 'recovering', by('U2'))).checklist.interim_report).toMatchObject({ done: true, auto: true });
    expect(must(addNote(acknowledged(), 'n', by('U2'))).checklist.interim_report.done).toBe(false);
  });

  it('pins a message at its original time and remembers when it was pinned', () => {
    const actor = by('U2', 20);
    const result = pinMessage(acknowledged(), { text: 'disk is full', author: 'U4', originalAt: T0 + 2 * MIN }, actor);
    expect(result.ok && result.value.events).toEqual([
      { type: 'pinned', text: 'disk is full', author: 'U4', pinnedAt: actor.at, id: actor.key, incidentId: 'inc-42', at: T0 + 2 * MIN, by: 'U2' },
    ]);
  });

  it('records a job through queued, started and finished; the log bundle ticks 初期ログ収集', () => {
    const queued = must(recordJobQueued(acknowledged(), { ...job, params: { lines: '100' } }, by('U2')));
    const started = must(recordJobStarted(queued, job, by('klaxon')));
    expect(must(recordJobFinished(started, finished, logsTick, by('klaxon'))).checklist.initial_logs).toMatchObject({ done: true, auto: true, by: 'klaxon' });
    expect(must(recordJobFinished(started, { ...finished, outcome: 'failed', exitCode: 1 }, logsTick, by('klaxon'))).checklist.initial_logs.done).toBe(false);
    expect(must(recordJobFinished(started, { ...finished, commandId: 'other' }, logsTick, by('klaxon'))).checklist.initial_logs.done).toBe(false);
    expect(started.version).toBe(queued.version + 1);
  });

  it('escalates only upwards and only while open', () => {
    const up = must(escalate(acknowledged(), { level: 2, reason: 'response_breached' }, by('klaxon')));
    expect(up.escalationLevel).toBe(2);
    expect(codeOf(escalate(up, { level: 2, reason: 'again' }, by('klaxon')))).toBe('not_higher');
    expect(codeOf(escalate(resolved(), { level: 3, reason: 'late' }, by('klaxon')))).toBe('not_open');
  });

  it.each([
    ['response', declared, 'ok'],
    ['response', acknowledged, 'clock_stopped'],
    ['recovery', acknowledged, 'ok'],
    ['interim', acknowledged, 'ok'],
    ['recovery', resolved, 'clock_stopped'],
    ['interim', resolved, 'clock_stopped'],
  ] as const)('records a %s alarm on a %o incident: %s', (clock, make, code) => {
    expect(codeOf(recordClockAlarm(make(), { clock, kind: 'breach', dueAt: T0 }, by('klaxon')))).toBe(code);
  });

  it('attaches alerts to open incidents only', () => {
    expect(codeOf(attachAlert(acknowledged(), { alertId: 'a', title: 't', source: 's' }, by('alert:am')))).toBe('ok');
    expect(codeOf(attachAlert(resolved(), { alertId: 'a', title: 't', source: 's' }, by('alert:am')))).toBe('not_open');
  });

  it('records the written report after close and ticks 報告書作成', () => {
    const incident = must(recordReportWritten(closed(), { file: 'inc-42.md', sha256: 'f00' }, by('klaxon')));
    expect([incident.status, incident.checklist.report_written.done]).toEqual(['closed', true]);
    expect(codeOf(recordReportWritten(acknowledged(), { file: 'x', sha256: 'y' }, by('klaxon')))).toBe('not_resolved');
  });

  it('ticks システム検証実施 when the post-recovery suite passes, and records a failure as data (each report says it in its language)', () => {
    const passed = recordVerification(resolved(), { passed: true, failed: [] }, by('klaxon'));
    expect(passed.ok && [passed.value.incident.checklist.system_verified.done, passed.value.events.map((e) => e.type)]).toEqual([true, ['verification', 'checklist_ticked']]);
    const failed = recordVerification(resolved(), { passed: false, failed: ['recovery.matrix'] }, by('klaxon'));
    expect(failed.ok && [failed.value.incident.checklist.system_verified.done, failed.value.events]).toMatchObject([false, [{ type: 'verification', passed: false, failed: ['recovery.matrix'] }]]);
    expect(codeOf(recordVerification(acknowledged(), { passed: true, failed: [] }, by('klaxon')))).toBe('not_resolved');
    expect(codeOf(recordVerification(resolved(), { passed: true, failed: ['x'] }, by('klaxon')))).toBe('usage');
  });

  it('ticks 関係者通知 when the announcement is posted, once', () => {
    const incident = must(recordStakeholdersNotified(declared(), by('klaxon')));
    expect(incident.checklist.stakeholders_notified).toMatchObject({ done: true, auto: true });
    expect(codeOf(recordStakeholdersNotified(incident, by('klaxon')))).toBe('no_change');
  });
});

const EVERY_WRITE: readonly [string, Action][] = [
  ...HUMAN_ACTIONS,
  ['acknowledge', acknowledge],
  ['close', (i, a) => closeIncident(i, FULL, a)],
  ['set item', (i, a) => setItem(i, 'root_cause', true, a, 'done in review')],
  ['pin', (i, a) => pinMessage(i, { text: 't', author: 'U4', originalAt: T0 }, a)],
  ['job started', (i, a) => recordJobStarted(i, job, a)],
  ['approval', (i, a) => recordApproval(i, { jobId: 'j', commandId: 'c', decision: 'requested' }, a)],
  ['escalate', (i, a) => escalate(i, { level: 3, reason: 'r' }, a)],
  ['clock alarm', (i, a) => recordClockAlarm(i, { clock: 'recovery', kind: 'breach', dueAt: T0 }, a)],
  ['attach alert', (i, a) => attachAlert(i, { alertId: 'a', title: 't', source: 's' }, a)],
  ['verification', (i, a) => recordVerification(i, { passed: true, failed: [] }, a)],
  ['stakeholders', (i, a) => recordStakeholdersNotified(i, a)],
];

describe('a closed incident', () => {
  it.each(EVERY_WRITE)('refuses "%s"', (_name, action) => {
    expect(codeOf(action(closed(), by('U2')))).toBe('closed');
  });

  it('still takes the result of a job that was running at close', () => {
    const incident = must(recordJobFinished(closed(), finished, logsTick, by('klaxon')));
    expect(incident.status).toBe('closed');
  });
});
