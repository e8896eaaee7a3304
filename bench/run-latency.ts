// Issue 5: how long a click on a Run button takes to become a running job on the host, and how long a
// finished job takes to show its result in the Slack thread. Real bot and real worker, each in its own process
// as in production, real Redis; the Slack side of each figure comes from the emulator's call log.
import { ACTION } from '../src/slack/ids.js';
import type { Call, Message } from '../src/sandbox/emulator/emulator-types.js';
import { messages } from '../src/slack/i18n/messages.js';
import { declareBenchIncident } from './declare-bench-incident.js';
import type { BenchFigure } from './figure.js';
import { latencyFigures, round2 } from './quantile.js';
import { BENCH_USERS, startBenchKlaxonApart, type BenchSlack } from './start-bench-klaxon.js';
import { waitFor, waitForChange } from './wait-for.js';

export interface RunBenchOptions {
  /** Clicks after the first. With 100 or more, p99 is a rank of its own and not simply the slowest click. */
  readonly runs?: number;
  /** Incidents the clicks take turns in: each channel then sees a click only every `incidents` clicks. */
  readonly incidents?: number;
  /** Pause before each click; with `incidents` it keeps a channel's post budget (about 1 message/s, burst 3) filled. */
  readonly gapMs?: number;
}

// A read-only command of the critical outage playbook that finishes in well under a second.
const PLAYBOOK = 'critical.outage';
const COMMAND = 'env.python-version';

interface RunTimes {
  /** When the emulator began the click: it builds the payload (the whole message with its blocks) and signs it. */
  readonly calledAt: number;
  /** When the signed click left for the bot: Slack's own work is done by then, on Slack's machines. */
  readonly clickAt: number;
  readonly startedAt: number;
  readonly startedShownAt: number;
  readonly finishedAt: number;
  readonly resultPostedAt: number;
}

const obj = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

interface RunButton {
  readonly message: Message;
  /** Absent when the block has none: the click then carries the button's value, which is what names the command. */
  readonly blockId?: string;
  readonly value: string;
}

/** The Run button of COMMAND in the playbook steps posted in the offer's thread. */
function findRunButton(thread: readonly Message[]): RunButton | undefined {
  for (const message of thread) {
    for (const block of (message.blocks ?? []).map(obj)) {
      const elements = [...(Array.isArray(block['elements']) ? block['elements'] : []), block['accessory']].map(obj);
      const run = elements.find((e) => e['action_id'] === ACTION.runCommand && String(e['value']).includes(`"${COMMAND}"`));
      if (run) return { message, ...(typeof block['block_id'] === 'string' ? { blockId: block['block_id'] } : {}), value: String(run['value']) };
    }
  }
  return undefined;
}

export async function benchRunLatency(redisUrl: string, options: RunBenchOptions = {}): Promise<BenchFigure[]> {
  const runs = options.runs ?? 100;
  const incidents = options.incidents ?? 1;
  const gapMs = options.gapMs ?? 3_000;
  const k = await startBenchKlaxonApart({ redisUrl, worker: true });
  try {
    const contexts: RunContext[] = [];
    for (let n = 1; n <= incidents; n++) contexts.push(await runContext(k, `critical Bench: run latency ${n}`));
    const times: RunTimes[] = [];
    // Each run posts three messages in its channel (queued root, result, output file): clicked back to back in
    // one channel they would measure Slack's pacing, not klaxon. A responder clicking every few seconds is the
    // case these figures describe. The first click after start runs every step for the first time
    // in both processes (lazy compilation, cold caches): it is reported on its own line, and the distribution
    // is taken over the clicks after it.
    for (let i = 0; i <= runs; i++) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      times.push(await oneRun(k, contexts[i % contexts.length] as RunContext));
    }
    const [first, ...steady] = times as [RunTimes, ...RunTimes[]];
    return [
      { name: 'run: click -> job started on the host, the first click after start', value: round2(first.startedAt - first.clickAt), unit: 'ms' },
      ...latencyFigures(`run: click -> job started on the host (${runs} runs of ${COMMAND} after the first${incidents > 1 ? `, ${incidents} incidents in turn` : ''}, ${gapMs / 1000} s apart)`, steady.map((t) => t.startedAt - t.clickAt), { p50: '< 250 ms', p99: '≤ 20 ms (issue 15)' }),
      ...latencyFigures('run: click -> job started, from before the emulator built and signed the click', steady.map((t) => t.startedAt - t.calledAt)),
      ...latencyFigures('run: click -> "started" shown in Slack', steady.map((t) => t.startedShownAt - t.clickAt), { p99: '< 1000 ms' }),
      ...latencyFigures('run: job finished -> result posted in the thread', steady.map((t) => t.resultPostedAt - t.finishedAt), { p50: '< 250 ms', p99: '≤ 50 ms (issue 15)' }),
    ];
  } finally {
    await k.stop();
  }
}

/** An incident with the playbook's steps offered, and the Run button the bench clicks in it. */
async function runContext(k: BenchSlack, severityAndTitle: string): Promise<RunContext> {
  const { incidentId, channel, links } = await declareBenchIncident(k, severityAndTitle);
  const offerTs = links['playbooks'] as string;
  await k.emulator.selectOption({ userId: BENCH_USERS.l1, channelId: channel, messageTs: offerTs, actionId: ACTION.playbookSelect, value: PLAYBOOK });
  const button = await waitFor(() => findRunButton(k.emulator.messages(channel, { threadTs: offerTs })), `the ${PLAYBOOK} steps with a Run button for ${COMMAND}`);
  return { incidentId, channel, offerTs, button, seen: new Set() };
}

interface RunContext {
  readonly incidentId: string;
  readonly channel: string;
  /** The playbook offer, whose thread holds the steps: the only other thread the bot posts in here. */
  readonly offerTs: string;
  readonly button: RunButton;
  readonly seen: Set<string>;
}

async function oneRun(k: BenchSlack, ctx: RunContext): Promise<RunTimes> {
  const { store } = k;
  const callsBefore = k.emulator.calls().length;
  const calledAt = performance.timeOrigin + performance.now();
  const answer = await k.emulator.clickButton({
    userId: BENCH_USERS.l1,
    channelId: ctx.channel,
    messageTs: ctx.button.message.ts,
    actionId: ACTION.runCommand,
    ...(ctx.button.blockId !== undefined ? { blockId: ctx.button.blockId } : {}),
    value: ctx.button.value,
  });
  if (answer.status !== 200 || answer.sentAt === undefined) throw new Error(`bench: the Run click was answered ${answer.status}`);
  const clickAt = answer.sentAt;
  // Nothing is read from Redis until the bot has posted a reply in a run's thread (the result, or a progress
  // update if the run took over two seconds): the bench's own reads would otherwise compete with what it times.
  await waitForChange(
    k.emulator,
    () => k.emulator.calls().slice(callsBefore).find((c) => c.ok && c.method === 'chat.postMessage' && c.args['channel'] === ctx.channel && c.args['thread_ts'] !== undefined && c.args['thread_ts'] !== ctx.offerTs),
    `a reply in the thread of run ${ctx.seen.size + 1}`,
  );
  // The result link is written after the result is posted, and job_finished after that: wait for both.
  const { runId, links, events } = await waitFor(async () => {
    const current = await store.getLinks(ctx.incidentId);
    const id = Object.keys(current).find((key) => key.startsWith('run-result:') && !ctx.seen.has(key))?.slice('run-result:'.length);
    if (id === undefined) return undefined;
    const timeline = await store.timelineAll(ctx.incidentId);
    const mine = timeline.filter((e) => 'jobId' in e && e.jobId === id);
    return mine.some((e) => e.type === 'job_finished') ? { runId: id, links: current, events: mine } : undefined;
  }, `the result of run ${ctx.seen.size + 1}`);
  ctx.seen.add(`run-result:${runId}`);
  const started = events.find((e) => e.type === 'job_started');
  const finished = events.find((e) => e.type === 'job_finished');
  if (!started || !finished || finished.type !== 'job_finished' || finished.outcome !== 'succeeded') throw new Error(`bench: run ${runId} did not succeed`);
  const rootTs = links[`run:${runId}`];
  const calls = k.emulator.calls().slice(callsBefore);
  const startedShown = firstStartedCall(calls, ctx.channel, rootTs);
  const resultPost = calls.filter((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === rootTs).at(-1);
  if (!startedShown || !resultPost) throw new Error(`bench: no Slack call showed run ${runId} starting or finishing`);
  return { calledAt, clickAt, startedAt: started.at, startedShownAt: startedShown.at, finishedAt: finished.at, resultPostedAt: resultPost.at };
}

// The root message turns to "started" by chat.update, or is posted already started if the worker was first.
function firstStartedCall(calls: readonly Call[], channel: string, rootTs: string | undefined): Call | undefined {
  const label = messages('en').run.started;
  return calls.find((c) => {
    if (c.args['channel'] !== channel || !String(c.args['text']).includes(label)) return false;
    if (c.method === 'chat.update') return c.args['ts'] === rootTs;
    return c.method === 'chat.postMessage' && c.args['thread_ts'] === undefined;
  });
}
