// `npm run bench`: every figure the issues ask for, in sequence, on a private redis-server unless REDIS_URL
// names one. Prints a table and writes dist/bench-results.json. `npm run bench -- ack run` runs a subset.
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../src/sandbox/redis-server.js';
import { benchAckFloor } from './ack-floor.js';
import { benchAck } from './ack-latency.js';
import { benchBotMemory } from './bot-memory.js';
import { BOT_NODE_FLAGS } from './spawn-bot.js';
import type { BenchFigure } from './figure.js';
import { formatTable } from './format-table.js';
import { benchReportDelivery } from './report-delivery.js';
import { benchReport } from './report.js';
import { benchResilience } from './resilience.js';
import { benchRunLatency } from './run-latency.js';
import { benchStore } from './store.js';

const BENCHES: readonly { readonly id: string; readonly run: (redisUrl: string) => Promise<BenchFigure[]> }[] = [
  { id: 'render', run: () => benchReport() },
  { id: 'store', run: (url) => benchStore(url) },
  { id: 'ack', run: (url) => benchAck(url) },
  { id: 'floor', run: (url) => benchAckFloor(url) },
  { id: 'run', run: (url) => benchRunLatency(url) },
  { id: 'report', run: (url) => benchReportDelivery(url) },
  { id: 'resilience', run: (url) => benchResilience(url) },
  { id: 'memory', run: async (url) => [...(await benchBotMemory(url, { nodeFlags: BOT_NODE_FLAGS })), ...(await benchBotMemory(url))] },
];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((id) => !BENCHES.some((b) => b.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.id).join(', ')}\n`);
    return 2;
  }
  const given = process.env['REDIS_URL'];
  const redis = given ? undefined : await startRedisServer();
  if (redis && !redis.ok) {
    process.stderr.write(`${redis.error}\n`);
    return 1;
  }
  const redisUrl = given ?? (redis?.ok ? redis.value.url : '');
  const machine = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadavg: loadavg().map((n) => Math.round(n * 100) / 100) };
  process.stdout.write(`klaxon bench — ${machine.date}, node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load ${machine.loadavg.join(' ')}\n`);
  const results: (BenchFigure & { bench: string })[] = [];
  const failures: { bench: string; error: string }[] = [];
  try {
    for (const bench of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.id))) {
      process.stdout.write(`running ${bench.id}…\n`);
      const started = performance.now();
      try {
        const figures = await bench.run(redisUrl);
        results.push(...figures.map((f) => ({ bench: bench.id, ...f })));
        process.stdout.write(`${formatTable(figures)}\n(${bench.id}: ${Math.round((performance.now() - started) / 1000)} s)\n\n`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ bench: bench.id, error: message });
        process.stderr.write(`bench ${bench.id} failed: ${message}\n`);
      }
    }
  } finally {
    if (redis?.ok) await redis.value.stop();
  }
  process.stdout.write(`all figures\n${formatTable(results)}\n`);
  const file = fileURLToPath(new URL('../bench-results.json', import.meta.url));
  await writeFile(file, `${JSON.stringify({ machine, redis: given ? 'REDIS_URL' : 'private redis-server', figures: results, failures }, null, 2)}\n`);
  process.stdout.write(`written ${file}\n`);
  return failures.length > 0 ? 1 : 0;
}

// Exit explicitly: a connection some library keeps open must not keep the bench alive after its figures.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
