import { describe, expect, it } from 'vitest';
import { must, codeOf } from '../support/transitions.js';
import { CHECKLIST_ITEMS, type ChecklistItemId } from '../../src/domain/checklist.js';
import { emptyChecklist, evidenceFor, setItem, toggleItem } from '../../src/domain/checklist-rules.js';
import type { Actor, Incident } from '../../src/domain/incident.js';
import { postUpdate } from '../../src/domain/incident-records.js';
import { acknowledge, declareIncident } from '../../src/domain/lifecycle.js';
import type { TimelineEventBody } from '../../src/domain/timeline.js';

const T0 = Date.UTC(2026, 5, 1, 0, 0);
let keys = 0;
const by = (user: string, minutes = 1): Actor => ({ by: user, at: T0 + minutes * 60_000, key: `click-${(keys += 1)}` });
const open = (): Incident =>
  must(acknowledge(must(declareIncident({ number: 9, title: 'Data fetch fails', severity: 'high', source: 'slack' }, by('U1', 0))), by('U1')));

describe('emptyChecklist', () => {
  it('has the 15 items of runbook §12.1, all open', () => {
    const checklist = emptyChecklist();
    expect(Object.keys(checklist)).toEqual(CHECKLIST_ITEMS.map((item) => item.id));
    expect(Object.values(checklist).every((entry) => !entry.done)).toBe(true);
  });
});

describe('evidenceFor (DESIGN journey 2)', () => {
  const ticksFor = (id: string) => (id === 'triage.log-bundle' ? ('initial_logs' as const) : id === 'recovery.matrix' ? ('system_verified' as const) : undefined);
  const jobFinished = (commandId: string, outcome: 'succeeded' | 'failed'): TimelineEventBody => ({
    type: 'job_finished', jobId: 'j', commandId, host: 'h', outcome, exitCode: 0, durationMs: 1, outputDigest: 'd', files: [],
  });
  it.each<[string, TimelineEventBody, ChecklistItemId[]]>([
    ['declared', { type: 'declared', title: 't', severity: 'low', detectedAt: T0 }, ['detection_time', 'severity_assessed']],
    ['acknowledged', { type: 'acknowledged' }, ['response_time']],
    ['log bundle succeeded', jobFinished('triage.log-bundle', 'succeeded'), ['initial_logs']],
    ['log bundle failed', jobFinished('triage.log-bundle', 'failed'), []],
    ['verification command alone', jobFinished('recovery.matrix', 'succeeded'), []],
    ['other command', jobFinished('detection.status', 'succeeded'), []],
    ['update posted', { type: 'update_posted', text: 'u' }, ['interim_report']],
    ['resolved', { type: 'resolved' }, ['recovery_confirmed']],
    ['report written', { type: 'report_written', file: 'f', sha256: 's' }, ['report_written']],
    ['note', { type: 'note', text: 'n' }, []],
    ['closed', { type: 'closed' }, []],
  ])('%s', (_what, event, items) => {
    expect(evidenceFor(event, ticksFor)).toEqual(items);
  });
});

describe('toggleItem and setItem', () => {
  it('ticks and unticks a person-owned item with who and when', () => {
    const actor = by('U2', 3);
    const ticked = toggleItem(open(), 'impact_assessed', actor);
    expect(ticked.ok && ticked.value.incident.checklist.impact_assessed).toEqual({ done: true, by: 'U2', at: actor.at });
    expect(ticked.ok && ticked.value.events.map((e) => [e.type, e.id])).toEqual([['checklist_ticked', actor.key]]);
    const unticked = toggleItem(ticked.ok ? ticked.value.incident : open(), 'impact_assessed', by('U3'));
    expect(unticked.ok && unticked.value.incident.checklist.impact_assessed.done).toBe(false);
    expect(unticked.ok && unticked.value.events[0]?.type).toBe('checklist_unticked');
  });

  it('needs a reason to untick what evidence ticked', () => {
    const updated = must(postUpdate(open(), 'all strategies paused', by('U1')));
    expect(codeOf(toggleItem(updated, 'interim_report', by('U2')))).toBe('reason_required');
    expect(codeOf(setItem(updated, 'interim_report', false, by('U2'), '  '))).toBe('reason_required');
    const overridden = setItem(updated, 'interim_report', false, by('U2'), 'that was not the interim report');
    expect(overridden.ok && overridden.value.incident.checklist.interim_report).toMatchObject({ done: false, reason: 'that was not the interim report' });
    expect(overridden.ok && overridden.value.events[0]).toMatchObject({ type: 'checklist_unticked', reason: 'that was not the interim report' });
  });

  it('lets evidence tick again after an override, but never over a person', () => {
    const overridden = must(setItem(must(postUpdate(open(), 'u1', by('U1'))), 'interim_report', false, by('U2'), 'not it'));
    expect(must(postUpdate(overridden, 'u2', by('U1'))).checklist.interim_report).toMatchObject({ done: true, auto: true });
    const byHand = must(setItem(open(), 'interim_report', true, by('U2'), 'said it on the bridge call'));
    const result = postUpdate(byHand, 'u3', by('U1'));
    expect(result.ok && result.value.incident.checklist.interim_report).toMatchObject({ by: 'U2', reason: 'said it on the bridge call' });
    expect(result.ok && result.value.incident.checklist.interim_report.auto).toBeUndefined();
    expect(result.ok && result.value.events.map((e) => e.type)).toEqual(['update_posted']);
  });

  it('refuses no-ops and automatic actors', () => {
    expect(codeOf(setItem(open(), 'root_cause', false, by('U2')))).toBe('no_change');
    expect(codeOf(setItem(open(), 'root_cause', true, by('klaxon')))).toBe('not_a_person');
  });
});
