// A floor target in a process of its own, as the bot runs in production: `node dist/bench/serve-floor-target.js
// bare|bolt` with the signing secret in FLOOR_SIGNING_SECRET. Prints its URL on one line, serves until SIGTERM,
// and on SIGUSR2 prints `majors <n>`: its full garbage collections so far (the bot's come from its /metrics).
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { startBareServer } from './bare-server.js';
import { startMinimalBolt } from './minimal-bolt.js';

const kind = process.argv[2];
const secret = process.env['FLOOR_SIGNING_SECRET'] ?? '';
if ((kind !== 'bare' && kind !== 'bolt') || secret === '') {
  process.stderr.write('usage: FLOOR_SIGNING_SECRET=… serve-floor-target.js bare|bolt\n');
  process.exit(2);
}
let majors = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors += 1;
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => process.stdout.write(`majors ${majors}\n`));
const server = kind === 'bare' ? await startBareServer({ signingSecret: secret }) : await startMinimalBolt(secret);
process.stdout.write(`${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
