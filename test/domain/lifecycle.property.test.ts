import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChecklistItemId } from '../../src/domain/checklist.js';
import { setItem, toggleItem } from '../../src/domain/checklist-rules.js';
import type { Actor, Incident, IncidentStatus } from '../../src/domain/incident.js';
import { escalate, recordClockAlarm } from '../../src/domain/clock-records.js';
import {
  addNote, assignRole, attachAlert, changeSeverity, pinMessage, postUpdate, recordReportWritten, recordStakeholdersNotified,
} from '../../src/domain/incident-records.js';
import { recordJobFinished, recordJobQueued, recordVerification } from '../../src/domain/job-records.js';
import { isAutomaticActor } from '../../src/domain/actors.js';
import { acknowledge, closeIncident, declareIncident, resolveIncident, type TransitionResult } from '../../src/domain/lifecycle.js';
import { SEVERITIES } from '../../src/domain/severity.js';

const RANK: Readonly<Record<IncidentStatus, number>> = { declared: 0, acknowledged: 1, resolved: 2, closed: 3 };
const ITEMS: readonly ChecklistItemId[] = ['impact_assessed', 'interim_report', 'initial_logs', 'recovery_confirmed', 'root_cause'];
const FULL = { summary: 's', impact: 'i', actions: 'a', rootCause: 'r', prevention: 'p', followUp: 'f' };
const ticksFor = (id: string) => (id === 'triage.log-bundle' ? ('initial_logs' as const) : undefined);

type Action =
  | { readonly kind: 'ack' | 'resolve' | 'close' | 'closeEmpty' | 'note' | 'update' | 'stakeholders' | 'report' | 'pin' | 'alert' }
  | { readonly kind: 'tick'; readonly item: ChecklistItemId }
  | { readonly kind: 'untick'; readonly item: ChecklistItemId; readonly reason: boolean }
  | { readonly kind: 'severity'; readonly to: (typeof SEVERITIES)[number] }
  | { readonly kind: 'assign'; readonly user: string }
  | { readonly kind: 'run' }
  | { readonly kind: 'finish'; readonly logs: boolean; readonly ok: boolean }
  | { readonly kind: 'escalate'; readonly level: 2 | 3 }
  | { readonly kind: 'verify'; readonly passed: boolean }
  | { readonly kind: 'alarm'; readonly clock: 'response' | 'recovery' | 'interim' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constantFrom('ack', 'resolve', 'close').map((kind) => ({ kind }) as Action), weight: 4 },
  fc.constantFrom('closeEmpty', 'note', 'update', 'stakeholders', 'report', 'pin', 'alert').map((kind) => ({ kind }) as Action),
  fc.constantFrom(...ITEMS).map((item) => ({ kind: 'tick' as const, item })),
  fc.record({ kind: fc.constant('untick' as const), item: fc.constantFrom(...ITEMS), reason: fc.boolean() }),
  fc.constantFrom(...SEVERITIES).map((to) => ({ kind: 'severity' as const, to })),
  fc.constantFrom('U1', 'U2', 'U9').map((user) => ({ kind: 'assign' as const, user })),
  fc.constant({ kind: 'run' as const }),
  fc.record({ kind: fc.constant('finish' as const), logs: fc.boolean(), ok: fc.boolean() }),
  fc.constantFrom(2 as const, 3 as const).map((level) => ({ kind: 'escalate' as const, level })),
  fc.boolean().map((passed) => ({ kind: 'verify' as const, passed })),
  fc.constantFrom('response' as const, 'recovery' as const, 'interim' as const).map((clock) => ({ kind: 'alarm' as const, clock })),
);
const step = fc.record({ action: actionArb, who: fc.constantFrom('U1', 'U2', 'U3', 'klaxon', 'alert:am') });

function apply(incident: Incident, action: Action, actor: Actor): TransitionResult {
  switch (action.kind) {
    case 'ack': return acknowledge(incident, actor);
    case 'resolve': return resolveIncident(incident, actor);
    case 'close': return closeIncident(incident, FULL, actor, { unverifiedReason: 'checked by hand' });
    case 'closeEmpty': return closeIncident(incident, {}, actor);
    case 'note': return addNote(incident, 'note', actor);
    case 'update': return postUpdate(incident, 'update', actor);
    case 'stakeholders': return recordStakeholdersNotified(incident, actor);
    case 'report': return recordReportWritten(incident, { file: 'r.md', sha256: 'x' }, actor);
    case 'pin': return pinMessage(incident, { text: 'pinned', author: 'U4', originalAt: actor.at - 1 }, actor);
    case 'alert': return attachAlert(incident, { alertId: 'a', title: 't', source: 's' }, actor);
    case 'tick': return toggleItem(incident, action.item, actor);
    case 'untick': return setItem(incident, action.item, false, actor, action.reason ? 'not really' : undefined);
    case 'severity': return changeSeverity(incident, action.to, actor);
    case 'assign': return assignRole(incident, 'commander', action.user, actor);
    case 'run': return recordJobQueued(incident, { jobId: 'j', commandId: 'triage.log-bundle', host: 'h', params: {} }, actor);
    case 'finish': {
      const commandId = action.logs ? 'triage.log-bundle' : 'detection.status';
      const outcome = action.ok ? ('succeeded' as const) : ('failed' as const);
      return recordJobFinished(incident, { jobId: 'j', commandId, host: 'h', outcome, exitCode: 0, durationMs: 1, outputDigest: 'd', files: [] }, ticksFor, actor);
    }
    case 'escalate': return escalate(incident, { level: action.level, reason: 'r' }, actor);
    case 'verify': return recordVerification(incident, { passed: action.passed, failed: action.passed ? [] : ['recovery.matrix'] }, actor);
    case 'alarm': return recordClockAlarm(incident, { clock: action.clock, kind: 'breach', dueAt: actor.at }, actor);
  }
}

/** The simple model: what the status must be, who responded, and who ticked which item. */
interface Model {
  status: IncidentStatus;
  version: number;
  responders: string[];
  ticked: Map<ChecklistItemId, 'auto' | 'person'>;
}

// What the model expects of a hand tick/untick on an open incident: the new mark, or a refusal.
function byHand(model: Model, action: Action, person: boolean): 'auto' | 'person' | 'open' | 'refused' {
  if (action.kind !== 'tick' && action.kind !== 'untick') throw new Error('not a hand action');
  const mark = model.ticked.get(action.item);
  if (!person) return 'refused';
  const untick = action.kind === 'untick' || mark !== undefined;
  if (!untick) return 'person';
  if (mark === undefined) return 'refused';
  return mark === 'auto' && !(action.kind === 'untick' && action.reason) ? 'refused' : 'open';
}

const RESPONDING = new Set(['tick', 'untick', 'note', 'update', 'run', 'severity', 'assign', 'resolve', 'ack']);
const ALLOWED_WHEN_CLOSED = new Set(['report', 'finish']);

function evidenceOf(action: Action): ChecklistItemId[] {
  switch (action.kind) {
    case 'update': return ['interim_report'];
    case 'resolve': return ['recovery_confirmed'];
    // The close form's root cause, prevention and follow-up prove those post-incident items.
    case 'close': return ['root_cause', 'prevention', 'improvement_plan'];
    case 'report': return ['report_written'];
    case 'stakeholders': return ['stakeholders_notified'];
    case 'verify': return action.passed ? ['system_verified'] : [];
    case 'finish': return action.logs && action.ok ? ['initial_logs'] : [];
    default: return [];
  }
}

describe('the lifecycle against a model', () => {
  it('keeps its invariants over random sequences of actions', () => {
    let runs = 0;
    let successes = 0;
    let closes = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SEVERITIES), fc.array(step, { maxLength: 40, size: 'medium' }), (severity, steps) => {
        runs += 1;
        const declared = declareIncident({ number: 5, title: 'Random walk', severity, source: 'slack' }, { by: 'U1', at: 1_000, key: 'k0' });
        if (!declared.ok) throw new Error('declare failed');
        let incident = declared.value.incident;
        const model: Model = { status: 'declared', version: 1, responders: ['U1'], ticked: new Map([['detection_time', 'auto'], ['severity_assessed', 'auto']]) };
        const eventIds = new Set(declared.value.events.map((e) => e.id));

        steps.forEach(({ action, who }, n) => {
          const actor: Actor = { by: who, at: 1_000 + (n + 1) * 60_000, key: `k${n + 1}` };
          const result = apply(incident, action, actor);
          const person = !isAutomaticActor(who);
          if (model.status === 'closed' && !ALLOWED_WHEN_CLOSED.has(action.kind)) expect(result.ok ? 'ok' : result.error.code).toBe('closed');
          if (action.kind === 'resolve' && model.status === 'resolved') expect(result.ok).toBe(false);
          if (action.kind === 'closeEmpty') expect(result.ok).toBe(false);
          const hand = (action.kind === 'tick' || action.kind === 'untick') && model.status !== 'closed' ? byHand(model, action, person) : undefined;
          if (hand !== undefined) expect(result.ok).toBe(hand !== 'refused');
          if (!result.ok) {
            expect(result.error.message.length).toBeGreaterThan(0);
            return;
          }
          const before = incident.status;
          incident = result.value.incident;
          successes += 1;
          if (incident.status === 'closed' && before !== 'closed') closes += 1;

          model.version += 1;
          if ((action.kind === 'tick' || action.kind === 'untick') && hand !== undefined) {
            if (hand === 'open') model.ticked.delete(action.item);
            else if (hand !== 'refused') model.ticked.set(action.item, hand);
          }
          const evidence = evidenceOf(action);
          if (person && RESPONDING.has(action.kind) && model.status === 'declared') {
            model.status = 'acknowledged';
            evidence.push('response_time');
          }
          if (action.kind === 'resolve') model.status = 'resolved';
          if (action.kind === 'close' || action.kind === 'closeEmpty') model.status = 'closed';
          if (person && !model.responders.includes(who)) model.responders.push(who);
          for (const item of evidence) if (!model.ticked.has(item)) model.ticked.set(item, 'auto');

          expect(incident.version).toBe(model.version);
          expect(incident.status).toBe(model.status);
          expect(RANK[incident.status]).toBeGreaterThanOrEqual(RANK[before]);
          expect(incident.responders).toEqual(model.responders);
          expect(new Set(incident.responders).size).toBe(incident.responders.length);
          for (const [item, entry] of Object.entries(incident.checklist)) {
            const mark = model.ticked.get(item as ChecklistItemId);
            expect([item, entry.done, entry.done ? (entry.auto ? 'auto' : 'person') : undefined]).toEqual([item, mark !== undefined, mark]);
          }
          expect(result.value.events.length).toBeGreaterThan(0);
          for (const event of result.value.events) {
            expect(eventIds.has(event.id)).toBe(false);
            eventIds.add(event.id);
            expect(event.id === actor.key || event.id.startsWith(`${actor.key}.`)).toBe(true);
          }
        });
      }),
      { numRuns: 400, seed: 12 },
    );
    // The walk must reach the interesting states, or the invariants above would hold vacuously.
    expect(runs).toBeGreaterThanOrEqual(400);
    expect(successes).toBeGreaterThan(runs * 2);
    expect(closes).toBeGreaterThan(10);
  });
});
