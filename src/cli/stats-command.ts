// `klaxon stats [--month YYYY-MM] [--json]`: the response metrics (runbook §1.2) per month and severity, from
// Redis: median times to acknowledge, recover and close, and the targets met.
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import { monthStats } from '../app/response-stats.js';
import { metricsTable } from '../domain/metrics-table.js';
import { isMonth } from '../domain/response-metrics.js';
import type { Logger } from '../logger.js';
import { policyOrComplain, withIncidentStore } from './read-store.js';

const USAGE = 'usage: klaxon stats [--month YYYY-MM] [--json]\n';

export async function statsCommand(args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  const rest = [...args];
  const json = rest.includes('--json');
  if (json) rest.splice(rest.indexOf('--json'), 1);
  let month: string | undefined;
  if (rest[0] === '--month') {
    month = rest[1];
    rest.splice(0, 2);
    if (month === undefined || !isMonth(month)) {
      io.stderr.write(`klaxon stats: '${month ?? ''}' is not a month (YYYY-MM)\n${USAGE}`);
      return 2;
    }
  }
  if (rest.length > 0) {
    io.stderr.write(`klaxon stats: unknown argument '${rest[0]}'\n${USAGE}`);
    return 2;
  }
  const policy = await policyOrComplain(config, io);
  if (policy === undefined) return 2;
  try {
    const rows = await withIncidentStore(config, (store) => monthStats({ store, policy, timeZone: config.timeZone }, month, Date.now()));
    io.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : metricsTable(rows));
    return 0;
  } catch (error) {
    io.stderr.write(`klaxon stats: ${(error as Error).message}\n`);
    return 1;
  }
}
