// Issue 15: klaxon's ack path against the framework's floor. Three servers answer the same open-loop stream
// of signed `/incident help` in the same run: bare node:http with a signature check, a minimal Bolt app that
// only acks, and the real bot (`klaxon bot`, as the systemd unit starts it). Each runs in a process of its own
// with the bot's V8 flags, as an app does in production, where Slack (here the load client and the emulator,
// in the bench's process) is on other machines. Rounds interleave the servers and rates (so a burst of load
// elsewhere on the machine hits all three alike) and each figure is the median over the rounds.
import { readProc } from '../src/worker/run/process-table.js';
import type { BenchFigure } from './figure.js';
import type { LoadOutcome } from './fire-at-rate.js';
import { fireInThread } from './fire-in-thread.js';
import { quantile, round2 } from './quantile.js';
import { slashCommandRequest, type SlackRequest } from './slack-request-bodies.js';
import { spawnFloorTarget } from './spawn-floor-target.js';
import { BENCH_SIGNING_SECRET, BENCH_USERS, startBenchKlaxonApart } from './start-bench-klaxon.js';

export interface AckFloorOptions {
  readonly rates?: readonly number[];
  readonly rounds?: number;
  readonly seconds?: number;
  readonly warmUp?: number;
}

const TARGETS = ['bare', 'bolt', 'bot'] as const;
type Target = (typeof TARGETS)[number];
const LABEL: Record<Target, string> = { bare: 'bare node:http + signature', bolt: 'minimal Bolt 5.1 (ack only)', bot: 'klaxon bot' };

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export async function benchAckFloor(redisUrl: string, options: AckFloorOptions = {}): Promise<BenchFigure[]> {
  const rates = options.rates ?? [200, 1000];
  const rounds = options.rounds ?? 5;
  // Issue 15's own measure: medians of 5 rounds of 5 s.
  const seconds = options.seconds ?? 5;
  const warmUp = options.warmUp ?? 300;
  const k = await startBenchKlaxonApart({ redisUrl });
  const bare = await spawnFloorTarget('bare', BENCH_SIGNING_SECRET).catch(async (error: unknown) => {
    await k.stop();
    throw error;
  });
  const bolt = await spawnFloorTarget('bolt', BENCH_SIGNING_SECRET).catch(async (error: unknown) => {
    await Promise.all([bare.stop(), k.stop()]);
    throw error;
  });
  const urls: Record<Target, string> = { bare: bare.url, bolt: bolt.url, bot: k.bot.eventsUrl };
  const pids: Record<Target, number> = { bare: bare.pid, bolt: bolt.pid, bot: k.bot.pid };
  // A server's CPU time so far, from /proc (Linux); undefined elsewhere.
  const cpuUs = async (target: Target) => {
    const seconds = (await readProc(pids[target]))?.cpuSeconds;
    return seconds === undefined ? undefined : seconds * 1_000_000;
  };
  // Its full garbage collections so far: what sets the tail at 1,000/s (docs/performance.md, twenty-first pass).
  const majorGcs: Record<Target, () => Promise<number>> = { bare: bare.majorGcs, bolt: bolt.majorGcs, bot: () => botMajorGcs(k.bot.eventsUrl) };
  const help = (n: number): SlackRequest[] =>
    Array.from({ length: n }, (_, i) => slashCommandRequest({ userId: i % 2 === 0 ? BENCH_USERS.l1 : BENCH_USERS.l2, channelId: k.general, text: 'help', responseUrl: `${k.emulator.url}/respond/bench-${i}` }));
  // Per rate and target: each round's p50 and p99, the answers other than 200, and the client's worst lag.
  // The servers' CPU time comes from /proc; elsewhere it is left out (NaN) rather than guessed.
  const seen = new Map<string, Seen>();
  const record = (rate: number, target: Target, outcome: LoadOutcome, cpuUs: number | undefined, majors: number) => {
    const key = `${rate}:${target}`;
    const entry = seen.get(key) ?? { ...NOTHING_SEEN, p50: [], p99: [] };
    entry.cpuUs += cpuUs ?? Number.NaN;
    entry.majors += majors;
    entry.requests += outcome.latenciesMs.length + outcome.failures;
    const sorted = [...outcome.latenciesMs].sort((a, b) => a - b);
    entry.p50.push(quantile(sorted, 0.5));
    entry.p99.push(quantile(sorted, 0.99));
    entry.notOk += outcome.failures + Object.entries(outcome.statuses).filter(([status]) => status !== '200').reduce((sum, [, n]) => sum + n, 0);
    entry.lag = Math.max(entry.lag, outcome.maxSendLagMs);
    seen.set(key, entry);
  };
  try {
    const load = (ratePerSecond: number) => ({ ratePerSecond, signingSecret: BENCH_SIGNING_SECRET });
    for (const target of TARGETS) await fireInThread(urls[target], help(warmUp), load(Math.min(200, ...rates)));
    for (let round = 0; round < rounds; round += 1) {
      for (const rate of rates) {
        // Rotate who goes first: the first of a round should not always meet the machine fresh.
        const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length] as Target);
        for (const target of order) {
          const requests = help(Math.max(1, Math.round(rate * seconds)));
          const cpu = await cpuUs(target);
          const majors = await majorGcs[target]();
          const outcome = await fireInThread(urls[target], requests, load(rate));
          const after = await cpuUs(target);
          record(rate, target, outcome, cpu === undefined || after === undefined ? undefined : after - cpu, (await majorGcs[target]()) - majors);
        }
      }
    }
  } finally {
    await Promise.all([bolt.stop(), bare.stop(), k.stop()]);
  }
  return rates.flatMap((rate) => figures(rate, rounds, seconds, (target) => seen.get(`${rate}:${target}`) ?? { ...NOTHING_SEEN, p50: [], p99: [] }));
}

/** Per rate and server: each round's p50 and p99, and sums over the rounds. */
interface Seen {
  p50: number[];
  p99: number[];
  notOk: number;
  lag: number;
  cpuUs: number;
  majors: number;
  requests: number;
}
const NOTHING_SEEN = { notOk: 0, lag: 0, cpuUs: 0, majors: 0, requests: 0 };

/** The bot's full garbage collections so far, from prom-client's histogram on its /metrics (no series before the first). */
async function botMajorGcs(eventsUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', eventsUrl))).text();
  if (!text.includes('# TYPE klaxon_nodejs_gc_duration_seconds histogram')) return Number.NaN;
  return Number(/^klaxon_nodejs_gc_duration_seconds_count\{kind="major"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

function figures(rate: number, rounds: number, seconds: number, of: (target: Target) => Seen): BenchFigure[] {
  const at = `at ${rate}/s`;
  const q = (target: Target, p: 'p50' | 'p99') => median(of(target)[p]);
  const ratio = (a: Target, b: Target, p: 'p50' | 'p99') => round2(q(a, p) / q(b, p));
  return [
    ...TARGETS.flatMap((target): BenchFigure[] => [
      { name: `ack floor ${at}: ${LABEL[target]} p50 (median of ${rounds} × ${seconds} s)`, value: round2(q(target, 'p50')), unit: 'ms' },
      { name: `ack floor ${at}: ${LABEL[target]} p99 (median of ${rounds} × ${seconds} s)`, value: round2(q(target, 'p99')), unit: 'ms' },
    ]),
    { name: `ack floor ${at}: bot / minimal Bolt, p50`, value: ratio('bot', 'bolt', 'p50'), unit: 'x' },
    { name: `ack floor ${at}: bot / minimal Bolt, p99`, value: ratio('bot', 'bolt', 'p99'), unit: 'x', target: '≤ 1.0' },
    { name: `ack floor ${at}: bot / bare, p50`, value: ratio('bot', 'bare', 'p50'), unit: 'x' },
    { name: `ack floor ${at}: bot / bare, p99`, value: ratio('bot', 'bare', 'p99'), unit: 'x', target: '≤ 2.0 (stretch)' },
    // CPU time barely moves with the machine's load, unlike latency: the cost of one request in the server's
    // process (for the bot, not Redis's share of its replay claim). Read in /proc's 10 ms ticks.
    ...TARGETS.flatMap((target): BenchFigure[] =>
      Number.isNaN(of(target).cpuUs) ? [] : [{ name: `ack floor ${at}: CPU per request in the server's process, ${LABEL[target]}`, value: round2(of(target).cpuUs / Math.max(1, of(target).requests)), unit: 'µs' }],
    ),
    // The tail's cause at this rate: a full collection stops a server for milliseconds, and its cost grows with the heap.
    ...TARGETS.map((target): BenchFigure => ({ name: `ack floor ${at}: full garbage collections per 10,000 requests, ${LABEL[target]}`, value: round2((of(target).majors * 10_000) / Math.max(1, of(target).requests)), unit: 'GCs' })),
    { name: `ack floor ${at}: answers other than 200 (all three)`, value: TARGETS.reduce((sum, t) => sum + of(t).notOk, 0), unit: 'requests', target: '0' },
    { name: `ack floor ${at}: load client max send lag`, value: round2(Math.max(...TARGETS.map((t) => of(t).lag))), unit: 'ms' },
  ];
}
