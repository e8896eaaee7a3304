// How long compiling the §9.2 report takes for a very long incident: 10,000 timeline events.
import { CHECKLIST_ITEMS, type ChecklistState } from '../src/domain/checklist.js';
import type { ClosedIncident } from '../src/domain/incident.js';
import { renderReport, type ReportInput } from '../src/domain/report.js';
import type { TimelineEvent, TimelineEventBody } from '../src/domain/timeline.js';
import type { BenchFigure } from './figure.js';

const EVENTS = 10_000;
const WARM_UP = 3;
const RUNS = 20;
const TARGET_MS = 200;

const START = Date.UTC(2026, 2, 10, 1, 0);
const DIGEST = 'ab'.repeat(32);

// A mix like a long incident's: mostly notes, updates, ticks and job traffic, with text that needs escaping.
const BODIES: readonly TimelineEventBody[] = [
  { type: 'note', text: 'checked logs/errors.log | grep "ERROR" — 3 hits *since* 10:00' },
  { type: 'checklist_ticked', item: 'impact_assessed', auto: false, reason: 'confirmed on the dashboard' },
  { type: 'job_queued', jobId: 'job-1', commandId: 'tail-error-log', host: 'bt-host-1', params: { lines: '100' } },
  { type: 'job_started', jobId: 'job-1', commandId: 'tail-error-log', host: 'bt-host-1' },
  {
    type: 'job_finished', jobId: 'job-1', commandId: 'tail-error-log', host: 'bt-host-1', outcome: 'succeeded', exitCode: 0,
    durationMs: 1_234, outputDigest: DIGEST, files: [{ name: 'errors.log', sha256: DIGEST, bytes: 40_960 }],
  },
  { type: 'update_posted', text: '状況: 調査中。\n- 影響: 全戦略\n- 次回報告: 30分後' },
  { type: 'pinned', text: '`Traceback` in main.py <see thread>', author: 'U3', pinnedAt: START },
  { type: 'clock', clock: 'interim', kind: 'reminder', dueAt: START },
];

function longIncident(): ReportInput {
  const events: TimelineEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
    ...(BODIES[i % BODIES.length] ?? { type: 'acknowledged' }),
    id: `e${i}`,
    incidentId: 'inc-1',
    at: START + i * 1_500,
    by: `U${i % 9}`,
  }));
  const end = START + EVENTS * 1_500;
  const incident: ClosedIncident = {
    id: 'inc-1', number: 1, title: 'Backtest host unresponsive', severity: 'critical', declaredAt: START, detectedAt: START,
    declaredBy: 'U1', source: 'slack', roles: { commander: 'U1' }, responders: ['U1', 'U2', 'U3'],
    checklist: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.id, { done: true, by: 'U2', at: START }])) as ChecklistState,
    escalationLevel: 3, report: { summary: 'Host stopped answering.\nAll strategies paused.' }, version: EVENTS, status: 'closed',
    acknowledgedAt: START + 60_000, acknowledgedBy: 'U2', resolvedAt: end, resolvedBy: 'U1', closedAt: end, closedBy: 'U1',
  };
  return {
    incident, events, locale: 'ja', timeZone: 'Asia/Tokyo', targets: { responseMinutes: 15, recoveryMinutes: 60 },
    commandTitle: (id) => (id === 'tail-error-log' ? 'エラーログ末尾' : undefined), userNames: { U1: 'user U1', U2: 'user U2', U3: 'user U3' }, generatedAt: end,
  };
}

// Renders the 10,000-event report 20 times after a warm-up and reports the median and p95 in milliseconds.
export async function benchReport(): Promise<BenchFigure[]> {
  const input = longIncident();
  let bytes = 0;
  for (let i = 0; i < WARM_UP; i++) bytes = Buffer.byteLength(renderReport(input), 'utf8');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    renderReport(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (quantile: number): number => round(times[Math.min(times.length - 1, Math.ceil(quantile * times.length) - 1)] ?? Number.NaN);
  return [
    { name: `report render, ${EVENTS} events, median`, value: at(0.5), unit: 'ms', target: `< ${TARGET_MS} ms` },
    { name: `report render, ${EVENTS} events, p95`, value: at(0.95), unit: 'ms', target: `< ${TARGET_MS} ms` },
    { name: `report size, ${EVENTS} events`, value: round(bytes / 1024), unit: 'KiB' },
  ];
}

const round = (n: number): number => Math.round(n * 100) / 100;
