// The §8.1 verification suite's results are kept in the record; its verdict goes on the timeline once complete.
// Which queued runs no host has answered yet.
import { describe, expect, it } from 'vitest';
import type { Actor, Incident } from '../../src/domain/incident.js';
import { recordJobFinished, recordJobQueued, recordJobStarted, recordVerificationRun, runsNotStarted, verificationVerdict } from '../../src/domain/job-records.js';
import type { TimelineEvent } from '../../src/domain/timeline.js';
import { acknowledge, declareIncident, resolveIncident } from '../../src/domain/lifecycle.js';
import { codeOf, must } from '../support/transitions.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 1, 0);
const by = (user: string, minutes: number, key = `req-${user}-${minutes}`): Actor => ({ by: user, at: T0 + minutes * MIN, key });
const SUITE = ['verify.health', 'verify.matrix'];
const acknowledged = (): Incident =>
  must(acknowledge(must(declareIncident({ number: 7, title: 'main.py will not start', severity: 'high', source: 'slack' }, by('U1', 0))), by('U2', 5)));
const resolved = () => must(resolveIncident(acknowledged(), by('U2', 30)));
const run = (incident: Incident, commandId: string, outcome: string, minutes: number) =>
  recordVerificationRun(incident, { commandId, outcome, suite: SUITE }, by('klaxon', minutes, `verify-${commandId}-${minutes}`));

describe('the verification suite', () => {
  it('keeps each result in the record and writes nothing on the timeline until the suite is complete', () => {
    const first = run(resolved(), 'verify.health', 'succeeded', 31);
    expect(first.ok && first.value.events).toEqual([]);
    const incident = must(first);
    expect(incident.verification).toEqual({ 'verify.health': 'succeeded' });
    expect(incident.version).toBe(resolved().version + 1);
    expect(verificationVerdict(incident, SUITE)).toBeUndefined();
  });

  it('ticks システム検証実施 when the last result completes a passing suite, once', () => {
    const passed = run(must(run(resolved(), 'verify.health', 'succeeded', 31)), 'verify.matrix', 'succeeded', 32);
    expect(passed.ok && passed.value.events.map((e) => e.type)).toEqual(['verification', 'checklist_ticked']);
    const incident = must(passed);
    expect(verificationVerdict(incident, SUITE)).toEqual({ passed: true, failed: [] });
    const again = run(incident, 'verify.health', 'succeeded', 33);
    expect(again.ok && again.value.events).toEqual([]);
  });

  it('notes every failing completion, naming the commands that did not succeed', () => {
    const failed = run(must(run(resolved(), 'verify.health', 'succeeded', 31)), 'verify.matrix', 'drift', 32);
    expect(failed.ok && failed.value.events).toMatchObject([{ type: 'verification', passed: false, failed: ['verify.matrix'] }]);
    const incident = must(failed);
    expect(incident.checklist.system_verified.done).toBe(false);
    expect(verificationVerdict(incident, SUITE)).toEqual({ passed: false, failed: ['verify.matrix'] });
    const fixed = run(incident, 'verify.matrix', 'succeeded', 40);
    expect(fixed.ok && must(fixed).checklist.system_verified.done).toBe(true);
  });

  it('counts only while resolved', () => {
    expect(codeOf(run(acknowledged(), 'verify.health', 'succeeded', 10))).toBe('not_resolved');
  });
});

describe('runs not started', () => {
  const job = (jobId: string) => ({ jobId, commandId: 'env.python-version', host: 'backtest-1' });
  const finished = { outcome: 'refused' as const, exitCode: null, durationMs: 0, outputDigest: '', files: [] };
  const events = (): TimelineEvent[] => {
    let incident = acknowledged();
    const all: TimelineEvent[] = [];
    const step = (result: ReturnType<typeof recordJobQueued>) => {
      incident = must(result);
      if (result.ok) all.push(...result.value.events);
    };
    step(recordJobQueued(incident, { ...job('run-a'), params: {} }, by('U2', 6)));
    step(recordJobQueued(incident, { ...job('run-b'), params: { lines: '50' }, suite: 'suite-1' }, by('U2', 7)));
    step(recordJobQueued(incident, { ...job('run-c'), params: {} }, by('U2', 8)));
    step(recordJobQueued(incident, { ...job('run-d'), params: {} }, by('U2', 9)));
    step(recordJobStarted(incident, job('run-a'), by('klaxon', 10)));
    // A refusal by the host is an answer too, with no start before it.
    step(recordJobFinished(incident, { ...job('run-c'), ...finished }, () => undefined, by('klaxon', 11)));
    return all;
  };

  it('are the queued runs with neither a start nor a result, in the order they were queued, with what they were queued with', () => {
    expect(runsNotStarted(events())).toMatchObject([
      { jobId: 'run-b', params: { lines: '50' }, suite: 'suite-1', by: 'U2' },
      { jobId: 'run-d', params: {} },
    ]);
  });

  it('are none on a timeline without runs', () => {
    expect(runsNotStarted([])).toEqual([]);
  });
});
