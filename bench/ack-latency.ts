// Issue 4: how fast the real bot acknowledges a mix of signed slash commands and checklist clicks at a
// steady rate, beside a bare node:http server answering the very same requests in the same run.
import { randomBytes } from 'node:crypto';
import { CHECKLIST_ITEMS } from '../src/domain/checklist.js';
import { ACTION, checklistBlockId } from '../src/slack/ids.js';
import { startBareServer } from './bare-server.js';
import { declareBenchIncident } from './declare-bench-incident.js';
import type { BenchFigure } from './figure.js';
import { fireAtRate, type LoadOutcome } from './fire-at-rate.js';
import { latencyFigures, quantile, round2 } from './quantile.js';
import { buttonClickRequest, slashCommandRequest, withFreshTrigger, type SlackRequest } from './slack-request-bodies.js';
import { BENCH_SIGNING_SECRET, BENCH_USERS, startBenchKlaxonApart } from './start-bench-klaxon.js';

export interface AckBenchOptions {
  readonly ratePerSecond?: number;
  readonly count?: number;
  readonly warmUp?: number;
}

// Four clicks and six commands in every ten requests: roughly what a busy incident channel sends.
const MIX = ['click', 'list', 'click', 'note', 'help', 'click', 'list', 'click', 'note', 'help'] as const;

export async function benchAck(redisUrl: string, options: AckBenchOptions = {}): Promise<BenchFigure[]> {
  const rate = options.ratePerSecond ?? 200;
  const count = options.count ?? rate * 10;
  const warmUp = options.warmUp ?? 50;
  // The bot in a process of its own, as in production (and as the floor bench runs it): a bot in the bench's
  // process would share its event loop with the load client's timing, and leave the bench process changed for
  // the benches after it.
  const k = await startBenchKlaxonApart({ redisUrl });
  const bare = await startBareServer();
  try {
    const { incidentId, channel, links } = await declareBenchIncident(k, 'high Bench: ack latency');
    const checklist = k.emulator.messages(channel).find((m) => m.ts === links['checklist']);
    if (!checklist) throw new Error('bench: the checklist message is missing');
    const users = [BENCH_USERS.l1, BENCH_USERS.l2];
    const responseUrl = () => `${k.emulator.url}/respond/${randomBytes(16).toString('hex')}`;
    const build = (n: number): SlackRequest[] =>
      Array.from({ length: n }, (_, i) => {
        const kind = MIX[i % MIX.length] ?? 'help';
        const userId = users[i % users.length] ?? BENCH_USERS.l1;
        if (kind !== 'click') {
          const text = kind === 'note' ? `note bench note ${i}: checked logs/errors.log | *since* 10:00` : kind;
          return slashCommandRequest({ userId, channelId: channel, text, responseUrl: responseUrl() });
        }
        const item = CHECKLIST_ITEMS[i % CHECKLIST_ITEMS.length] ?? CHECKLIST_ITEMS[0];
        return buttonClickRequest({
          userId,
          channelId: channel,
          message: { ts: checklist.ts, text: checklist.text, blocks: checklist.blocks ?? [] },
          actionId: ACTION.checklistToggle,
          blockId: checklistBlockId(item.id),
          value: item.id,
          responseUrl: responseUrl(),
        });
      });
    const load = { ratePerSecond: rate, signingSecret: BENCH_SIGNING_SECRET };
    const botUrl = k.bot.eventsUrl;
    // Warm both servers (JIT, connections, the bot's group cache) at a gentle rate before measuring.
    await fireAtRate(bare.url, build(warmUp), { ...load, ratePerSecond: Math.min(rate, 50) });
    const botWarmUp = build(warmUp);
    await fireAtRate(botUrl, botWarmUp, { ...load, ratePerSecond: Math.min(rate, 50) });
    const requests = build(count);
    const baseline = await fireAtRate(bare.url, requests, load);
    const measured = await fireAtRate(botUrl, requests.map(withFreshTrigger), load);
    // A 200 alone could be an error message: the notes on the timeline show the commands really ran.
    const notesSent = [...botWarmUp, ...requests].filter((r) => new URLSearchParams(r.body).get('text')?.startsWith('note ')).length;
    // "Saved" means in the incident's intent log; the bot's process folds it onto the timeline right after.
    const recorded = async () => (await k.store.timelineAll(incidentId)).filter((e) => e.type === 'note').length;
    let notesRecorded = await recorded();
    for (const give = Date.now() + 10_000; notesRecorded < notesSent && Date.now() < give; notesRecorded = await recorded()) await new Promise((resolve) => setTimeout(resolve, 100));
    return [...figures(rate, count, measured, baseline), { name: 'ack: notes on the timeline / notes sent', value: round2(notesRecorded / notesSent), unit: 'ratio', target: '1' }];
  } finally {
    await bare.close();
    await k.stop();
  }
}

function figures(rate: number, count: number, bot: LoadOutcome, bare: LoadOutcome): BenchFigure[] {
  const label = `${rate}/s`;
  const sorted = (o: LoadOutcome) => [...o.latenciesMs].sort((a, b) => a - b);
  const ratio = (q: number) => round2(quantile(sorted(bot), q) / quantile(sorted(bare), q));
  const notOk = (o: LoadOutcome) => o.failures + Object.entries(o.statuses).filter(([status]) => status !== '200').reduce((sum, [, n]) => sum + n, 0);
  return [
    ...latencyFigures(`ack: bot, ${count} signed commands+clicks at ${label},`, bot.latenciesMs, { p50: '< 50 ms', p99: '< 300 ms', max: '< 1000 ms (Slack: 3000)' }),
    ...latencyFigures(`ack: bare node:http, same requests at ${label},`, bare.latenciesMs),
    { name: 'ack: bot / bare ratio, p50', value: ratio(0.5), unit: 'x' },
    { name: 'ack: bot / bare ratio, p99', value: ratio(0.99), unit: 'x' },
    { name: 'ack: bot answers other than 200', value: notOk(bot), unit: 'requests', target: '0' },
    { name: 'ack: load client max send lag (bot run)', value: round2(bot.maxSendLagMs), unit: 'ms' },
  ];
}
