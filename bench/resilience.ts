// Issue 13: how many actions per second one incident takes when everyone acts at once (the intent stream
// and its fold), and the ack latency of two replicas on one Redis. The bot's memory is bench/bot-memory.ts.
import { randomBytes } from 'node:crypto';
import { CHECKLIST_ITEMS } from '../src/domain/checklist.js';
import { ACTION, checklistBlockId } from '../src/slack/ids.js';
import { declareBenchIncident } from './declare-bench-incident.js';
import type { BenchFigure } from './figure.js';
import { fireAtRate } from './fire-at-rate.js';
import { latencyFigures, round2 } from './quantile.js';
import { buttonClickRequest, slashCommandRequest, type SlackRequest } from './slack-request-bodies.js';
import { BENCH_SIGNING_SECRET, BENCH_USERS, startBenchKlaxon } from './start-bench-klaxon.js';
import { waitFor } from './wait-for.js';

const CONTENDERS = 1_000;

export async function benchResilience(redisUrl: string): Promise<BenchFigure[]> {
  const k = await startBenchKlaxon({ redisUrl });
  try {
    const figures: BenchFigure[] = [];
    const { incidentId, channel, links } = await declareBenchIncident(k, 'high Bench: contention');

    // 1,000 notes at once into one incident: answered, then all folded into the record.
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: CONTENDERS }, (_, n) =>
        k.emulator.slashCommand({ userId: BENCH_USERS.l2, channelId: channel, text: `note contention ${n}` }).catch(() => undefined),
      ),
    );
    const saved = answers.filter((a) => a?.status === 200 && /Note added|Saved;/.test(a.body)).length;
    await waitFor(async () => {
      const notes = (await k.bot.services.store.timelineAll(incidentId)).filter((e) => e.type === 'note').length;
      return notes >= saved ? notes : undefined;
    }, 'every saved note folded', 120_000, 50);
    const seconds = (performance.now() - started) / 1000;
    figures.push(
      { name: `contention: ${CONTENDERS} simultaneous notes into one incident, saved and folded`, value: round2(saved / seconds), unit: 'actions/s' },
      { name: 'contention: notes answered "saved" / sent', value: round2(saved / CONTENDERS), unit: 'ratio', target: '1' },
      { name: 'contention: requests without an HTTP answer (client side, e.g. reset)', value: answers.filter((a) => a === undefined).length, unit: 'requests', target: '0' },
    );

    // Two replicas answering the same mix at the same time, half the rate each.
    const second = await k.replica();
    const checklist = k.emulator.messages(channel).find((m) => m.ts === links['checklist']);
    if (!checklist) throw new Error('bench: the checklist message is missing');
    const responseUrl = () => `${k.emulator.url}/respond/${randomBytes(16).toString('hex')}`;
    const build = (n: number): SlackRequest[] =>
      Array.from({ length: n }, (_, i) => {
        if (i % 2 === 0) return slashCommandRequest({ userId: BENCH_USERS.l1, channelId: channel, text: `note replica ${i}`, responseUrl: responseUrl() });
        const item = CHECKLIST_ITEMS[i % CHECKLIST_ITEMS.length] ?? CHECKLIST_ITEMS[0];
        const message = { ts: checklist.ts, text: checklist.text, blocks: checklist.blocks ?? [] };
        return buttonClickRequest({ userId: BENCH_USERS.l2, channelId: channel, message, actionId: ACTION.checklistToggle, blockId: checklistBlockId(item.id), value: item.id, responseUrl: responseUrl() });
      });
    const load = { ratePerSecond: 50, signingSecret: BENCH_SIGNING_SECRET };
    const [a, b] = await Promise.all([fireAtRate(`${k.bot.url}/slack/events`, build(500), load), fireAtRate(`${second.url}/slack/events`, build(500), load)]);
    figures.push(
      ...latencyFigures('replicas: replica A, notes+clicks at 50/s while B takes as many,', a.latenciesMs, { p99: '< 300 ms', max: '< 3000 ms' }),
      ...latencyFigures('replicas: replica B, same,', b.latenciesMs, { p99: '< 300 ms', max: '< 3000 ms' }),
    );

    return figures;
  } finally {
    await k.stop();
  }
}
