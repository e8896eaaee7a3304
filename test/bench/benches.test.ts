// Smoke test: every bench runs end to end with tiny counts and returns real figures. The numbers
// themselves belong to `npm run bench`; here only their presence and sanity are checked.
import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { benchAckFloor } from '../../bench/ack-floor.js';
import { benchAck } from '../../bench/ack-latency.js';
import { benchBotMemory } from '../../bench/bot-memory.js';
import { BOT_NODE_FLAGS } from '../../bench/spawn-bot.js';
import type { BenchFigure } from '../../bench/figure.js';
import { benchReportDelivery } from '../../bench/report-delivery.js';
import { benchReport } from '../../bench/report.js';
import { benchRunLatency } from '../../bench/run-latency.js';
import { benchStore } from '../../bench/store.js';

const redisUrl = inject('redisUrl');

// A growth is a difference of two readings and may be negative: the collector can return more than the
// incidents took (seen in CI: -6.5 MiB over 2 incidents).
const DIFFERENCE = /growth/;

function expectFigures(figures: readonly BenchFigure[], names: readonly RegExp[]): Map<string, number> {
  expect(new Set(figures.map((f) => f.name)).size).toBe(figures.length);
  for (const figure of figures) {
    expect(Number.isFinite(figure.value), `${figure.name} = ${figure.value}`).toBe(true);
    if (!DIFFERENCE.test(figure.name)) expect(figure.value, figure.name).toBeGreaterThanOrEqual(0);
    expect(figure.unit).not.toBe('');
  }
  for (const name of names) expect(figures.some((f) => name.test(f.name)), String(name)).toBe(true);
  return new Map(figures.map((f) => [f.name, f.value]));
}

describe('benches with tiny counts', () => {
  it('report rendering', async () => {
    expectFigures(await benchReport(), [/render.*median/, /render.*p95/]);
  }, 60_000);

  it('store appends and updates', async () => {
    expectFigures(await benchStore(redisUrl), [/appends, sequential/, /update\(\) p99/]);
  }, 60_000);

  it('ack latency of the bot beside the bare server, with every note recorded', async () => {
    const figures = expectFigures(await benchAck(redisUrl, { ratePerSecond: 100, count: 30, warmUp: 10 }), [/ack: bot.* p99/, /ack: bare.* p99/, /ratio, p99/]);
    expect(figures.get('ack: bot answers other than 200')).toBe(0);
    expect(figures.get('ack: notes on the timeline / notes sent')).toBe(1);
  }, 60_000);

  it('ack floor: bare, minimal Bolt and the bot on the same signed /incident help, with both ratios', async () => {
    const figures = expectFigures(await benchAckFloor(redisUrl, { rates: [50], rounds: 2, seconds: 0.4, warmUp: 5 }), [
      /at 50\/s: bare node:http \+ signature p99/,
      /at 50\/s: minimal Bolt 5\.1 \(ack only\) p99/,
      /at 50\/s: klaxon bot p99/,
      /bot \/ minimal Bolt, p99/,
      /bot \/ bare, p99/,
      // Read from each server's process (the bot's /metrics, the floor targets' own count); finite, as every figure.
      /full garbage collections per 10,000 requests, bare/,
      /full garbage collections per 10,000 requests, minimal Bolt/,
      /full garbage collections per 10,000 requests, klaxon bot/,
    ]);
    expect(figures.get('ack floor at 50/s: answers other than 200 (all three)')).toBe(0);
  }, 60_000);

  it('click -> job started and job finished -> result posted', async () => {
    const figures = await benchRunLatency(redisUrl, { runs: 2, incidents: 2, gapMs: 1_000 });
    expectFigures(figures, [/the first click after start/, /click -> job started.* p50/, /from before the emulator built.* p99/, /click -> "started" shown/, /finished -> result posted.* p99/]);
    // The emulator's building and signing come before the send, so timed from the call a click is no faster.
    const fromSend = figures.find((f) => /click -> job started on the host \(.* p50/.test(f.name));
    const fromCall = figures.find((f) => /from before the emulator built.* p50/.test(f.name));
    expect(fromCall?.value).toBeGreaterThanOrEqual(fromSend?.value ?? Number.POSITIVE_INFINITY);
    const started = figures.find((f) => /click -> job started.* p50/.test(f.name));
    const shown = figures.find((f) => /click -> "started" shown.* p50/.test(f.name));
    expect(shown?.value).toBeGreaterThanOrEqual(started?.value ?? Number.POSITIVE_INFINITY);
  }, 60_000);

  it('report compile and delivery', async () => {
    const figures = expectFigures(await benchReportDelivery(redisUrl, { events: 600, compileRuns: 2 }), [/compile/, /deliver total/, /upload/]);
    const total = figures.get('report: deliver total (compile, write, upload, summary, tick)') ?? 0;
    expect(total).toBeGreaterThan(0);
    expect(figures.get('report: deliver part: upload (getUploadURL -> completeUpload)')).toBeLessThanOrEqual(total + 5);
  }, 60_000);

  it('the bot in its own process, started the way the systemd unit starts it', async () => {
    const figures = expectFigures(await benchBotMemory(redisUrl, { incidents: 2, nodeFlags: BOT_NODE_FLAGS }), [/RSS at start/, /RSS with 2 open incidents/]);
    expect(figures.get("memory: klaxon bot with the unit's heap flags, RSS with 2 open incidents")).toBeGreaterThan(20);
    const unit = await readFile(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    expect(unit).toContain(`ExecStart=/usr/bin/node ${BOT_NODE_FLAGS.join(' ')} bin/klaxon.js bot`);
  }, 120_000);
});
