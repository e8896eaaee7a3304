// A floor target in a process of its own, as the bot runs in production: `node dist/bench/serve-floor-target.js
// bare|bolt` with the signing secret in FLOOR_SIGNING_SECRET. Prints its URL on one line, serves until SIGTERM.
import { startBareServer } from './bare-server.js';
import { startMinimalBolt } from './minimal-bolt.js';

const kind = process.argv[2];
const secret = process.env['FLOOR_SIGNING_SECRET'] ?? '';
if ((kind !== 'bare' && kind !== 'bolt') || secret === '') {
  process.stderr.write('usage: FLOOR_SIGNING_SECRET=… serve-floor-target.js bare|bolt\n');
  process.exit(2);
}
const server = kind === 'bare' ? await startBareServer({ signingSecret: secret }) : await startMinimalBolt(secret);
process.stdout.write(`${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
