// Issue 6: compiling and delivering the §9 report of an incident with 10,000 timeline events: the events
// are appended straight through the store, then the report is compiled from Redis and delivered (file,
// upload, stakeholder summary, 報告書作成 tick) to the Slack emulator over HTTP.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { CHECKLIST_ITEMS, type ChecklistState } from '../src/domain/checklist.js';
import type { Incident } from '../src/domain/incident.js';
import { acknowledge, closeIncident, resolveIncident, type TransitionResult } from '../src/domain/lifecycle.js';
import type { TimelineEvent, TimelineEventBody } from '../src/domain/timeline.js';
import { compileReport } from '../src/app/compile-report.js';
import type { IncidentStore } from '../src/app/ports.js';
import { deliverReport } from '../src/slack/effects/deliver-report.js';
import { createEffectContext } from '../src/slack/effects/effect-context.js';
import { createSlackApi } from '../src/slack/slack-api.js';
import type { BenchFigure } from './figure.js';
import { quantile, round2 } from './quantile.js';
import { BENCH_USERS, startBenchKlaxon, type BenchKlaxon } from './start-bench-klaxon.js';

export interface ReportDeliveryOptions {
  readonly events?: number;
  readonly compileRuns?: number;
}

const BATCH = 500;
const SPACING_MS = 1_500;
const DIGEST = 'cd'.repeat(32);

// A long incident's traffic, with text that needs Markdown escaping.
const BODIES: readonly TimelineEventBody[] = [
  { type: 'note', text: 'grep "ERROR" logs/errors.log | wc -l → 12 *since* 10:00 `main.py`' },
  { type: 'update_posted', text: '状況: 調査中。\n- 影響: 全戦略\n- 次回報告: 30分後' },
  { type: 'job_queued', jobId: 'run-b1', commandId: 'logs.tail-errors', host: 'backtest-1', params: {} },
  { type: 'job_started', jobId: 'run-b1', commandId: 'logs.tail-errors', host: 'backtest-1' },
  {
    type: 'job_finished', jobId: 'run-b1', commandId: 'logs.tail-errors', host: 'backtest-1', outcome: 'succeeded', exitCode: 0,
    durationMs: 812, outputDigest: DIGEST, files: [{ name: 'logs/errors.log', sha256: DIGEST, bytes: 20_480 }],
  },
  { type: 'checklist_ticked', item: 'impact_assessed', auto: false, reason: 'dashboard | all strategies' },
  { type: 'pinned', text: 'Traceback (most recent call last): <see thread>', author: BENCH_USERS.l2, pinnedAt: 0 },
];

const ms = (from: number) => round2(performance.now() - from);

async function seedIncident(k: BenchKlaxon, events: number): Promise<{ incidentId: string; appendMs: number }> {
  const { store } = k.bot.services;
  const number = await store.nextNumber();
  const incidentId = `inc-${number}`;
  const declaredAt = Date.now() - (events + 600) * SPACING_MS;
  const incident: Incident = {
    id: incidentId, number, title: 'Bench: report of a long incident', severity: 'high', declaredAt, detectedAt: declaredAt - 120_000,
    declaredBy: BENCH_USERS.l1, source: 'slack', roles: { commander: BENCH_USERS.l1 }, responders: [BENCH_USERS.l1, BENCH_USERS.l2],
    checklist: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.id, { done: false }])) as ChecklistState,
    escalationLevel: 1, report: {}, version: 1, status: 'declared',
  };
  const declared: TimelineEvent = { type: 'declared', title: incident.title, severity: 'high', detectedAt: incident.detectedAt, id: `${incidentId}-declared`, incidentId, at: declaredAt, by: BENCH_USERS.l1 };
  const created = await store.create(incident, [declared]);
  if (!created.ok) throw new Error(`bench: ${incidentId} exists already`);
  await store.setLink(incidentId, 'channel', k.general);
  await store.setLink(incidentId, 'stakeholderChannel', k.emulator.channel('incidents')?.id as string);
  const started = performance.now();
  for (let from = 0; from < events; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, events - from) }, (_, j): TimelineEvent => {
      const i = from + j;
      const body = BODIES[i % BODIES.length] ?? { type: 'acknowledged' };
      const at = declaredAt + (i + 1) * SPACING_MS;
      return { ...body, ...(body.type === 'pinned' ? { pinnedAt: at + 60_000 } : {}), id: `bench-${i}`, incidentId, at, by: i % 2 ? BENCH_USERS.l1 : BENCH_USERS.l2 };
    });
    const appended = await store.appendEvents(incidentId, batch);
    if (!appended.ok) throw new Error(`bench: could not append to ${incidentId}`);
  }
  const appendMs = ms(started);
  const step = async (fn: (i: Incident, at: number) => TransitionResult, key: string) => {
    const result = await store.update(incidentId, (i) => fn(i, Date.now()), { idempotencyKey: key });
    if (!result.ok) throw new Error(`bench: ${key} failed on ${incidentId}`);
  };
  const actor = (at: number, key: string) => ({ by: BENCH_USERS.l2, at, key });
  await step((i, at) => acknowledge(i, actor(at, 'ack')), 'ack');
  await step((i, at) => resolveIncident(i, actor(at, 'resolve')), 'resolve');
  const fields = { summary: 'Host stopped answering', impact: 'All strategies', actions: 'Restarted in safe mode', rootCause: 'Stale cache', prevention: 'Cache check in CI' };
  await step((i, at) => closeIncident(i, fields, actor(at, 'close'), { unverifiedReason: 'bench: no verification run' }), 'close');
  return { incidentId, appendMs };
}

// How timelineAll read before issue 15, kept as the same run's baseline for the pipelined read.
async function readPageByPage(store: IncidentStore, incidentId: string): Promise<number> {
  let read = 0;
  let after: string | undefined;
  do {
    const page = await store.timeline(incidentId, { count: 500, ...(after === undefined ? {} : { after }) });
    read += page.length;
    after = page.next;
  } while (after !== undefined);
  return read;
}

export async function benchReportDelivery(redisUrl: string, options: ReportDeliveryOptions = {}): Promise<BenchFigure[]> {
  const events = options.events ?? 10_000;
  const compileRuns = options.compileRuns ?? 15;
  const k = await startBenchKlaxon({ redisUrl });
  try {
    const { services } = k.bot;
    const { incidentId, appendMs } = await seedIncident(k, events);
    const sources = { ...services, locale: services.config.locale, timeZone: services.config.timeZone };
    const reads: number[] = [];
    const pagedReads: number[] = [];
    const compiles: number[] = [];
    let bytes = 0;
    let fileName = '';
    // Each figure in its own loop: a read just before a compile leaves megabytes of garbage that the compile's
    // collections would pay for, which the bot (one compile per delivery) does not.
    for (let i = 0; i < compileRuns; i++) {
      const started = performance.now();
      await readPageByPage(services.store, incidentId);
      pagedReads.push(ms(started));
    }
    for (let i = 0; i < compileRuns; i++) {
      const started = performance.now();
      await services.store.timelineAll(incidentId);
      reads.push(ms(started));
    }
    for (let i = 0; i < compileRuns; i++) {
      const started = performance.now();
      const compiled = await compileReport(sources, incidentId, Date.now());
      compiles.push(ms(started));
      if (!compiled.ok) throw new Error(`bench: ${incidentId} vanished`);
      fileName = compiled.value.fileName;
    }
    reads.sort((a, b) => a - b);
    pagedReads.sort((a, b) => a - b);
    compiles.sort((a, b) => a - b);

    const slack = createSlackApi(new WebClient(services.config.slack.botToken, { slackApiUrl: k.emulator.apiUrl, retryConfig: { retries: 0 } }));
    const callsBefore = k.emulator.calls().length;
    const deliverStartedAt = Date.now();
    const started = performance.now();
    await deliverReport(createEffectContext({ services, slack, botToken: services.config.slack.botToken as string, readArtifact: async () => undefined }), incidentId);
    const deliverMs = ms(started);
    const deliveredAt = Date.now();
    const calls = k.emulator.calls().slice(callsBefore);
    const uploadFrom = calls.find((c) => c.method === 'files.getUploadURLExternal')?.at;
    const uploadTo = calls.find((c) => c.method === 'files.completeUploadExternal')?.at;
    const summarised = calls.some((c) => c.method === 'chat.postMessage');
    if (uploadFrom === undefined || uploadTo === undefined || !summarised) throw new Error('bench: the report was not uploaded and summarised');
    // Delivery names people by their Slack display names (kept with the incident), so the delivered report is
    // compared with one compiled now, as `klaxon report` would.
    const delivered = await compileReport(sources, incidentId, Date.now());
    if (delivered.ok) {
      fileName = delivered.value.fileName;
      bytes = Buffer.byteLength(delivered.value.markdown, 'utf8');
    }
    const written = await stat(join(services.config.reportsDir, fileName)).catch(() => undefined);
    if (written?.size !== bytes) throw new Error(`bench: ${fileName} is missing or differs from the compiled report`);
    return [
      { name: `report: append ${events} events through the store`, value: round2(appendMs), unit: 'ms' },
      { name: `report: read ${events} events from Redis, median of ${compileRuns}`, value: round2(quantile(reads, 0.5)), unit: 'ms' },
      { name: `report: read ${events} events in pages of 500 one after another (the read before issue 15), median of ${compileRuns}`, value: round2(quantile(pagedReads, 0.5)), unit: 'ms' },
      { name: `report: compile (read + render) ${events} events, median of ${compileRuns}`, value: round2(quantile(compiles, 0.5)), unit: 'ms', target: '≤ 100 ms' },
      { name: `report: size, ${events} events`, value: round2(bytes / 1024), unit: 'KiB' },
      { name: 'report: deliver total (compile, write, upload, summary, tick)', value: deliverMs, unit: 'ms', target: '< 5000 ms' },
      { name: 'report: deliver part: compile + write file', value: uploadFrom - deliverStartedAt, unit: 'ms' },
      { name: 'report: deliver part: upload (getUploadURL -> completeUpload)', value: uploadTo - uploadFrom, unit: 'ms' },
      { name: 'report: deliver part: summary + tick after upload', value: deliveredAt - uploadTo, unit: 'ms' },
    ];
  } finally {
    await k.stop();
  }
}
