// Every token shape of the corpus, printed by a diagnostic on the backtest host, is absent from everything
// klaxon keeps or sends: the Slack payloads and files, Redis, the logs, and the report.
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { createLogger } from '../../src/logger.js';
import { compileReport } from '../../src/app/compile-report.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { leakedSecrets, SECRET_CORPUS_TEXT } from '../support/secret-corpus.js';

async function redisText(k: Klaxon): Promise<string> {
  const redis = k.bot.redis;
  const keys = await redis.keys(`*${k.config.redisPrefix}*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') parts.push(String(await redis.get(key)));
    else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
    else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
    else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
    else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  expect(keys.length).toBeGreaterThan(10);
  return parts.join('\n');
}

describe('secrets in command output', () => {
  let k: Klaxon;
  let logs = '';
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    k = await startKlaxon({ worker: true, logger: createLogger({ level: 'debug', pretty: false, destination }) });
  });
  afterAll(async () => k?.stop());

  it('reach no Slack payload, Redis key, log line or report', async () => {
    await appendFile(join(k.backtestRoot as string, 'logs', 'errors.log'), SECRET_CORPUS_TEXT);
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare medium Secrets in the error log' });
    const channel = (await eventually(() => k.emulator.channels().find((c) => c.name.endsWith('-secrets-in-the-error-log')), 'the channel')).id;
    const incident = await eventually(async () => (await k.bot.services.store.listOpen())[0], 'the incident');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'run logs.tail-errors lines=200' });
    const finished = await eventually(
      async () => (await k.bot.services.store.timelineAll(incident.id)).find((e) => e.type === 'job_finished' && e.commandId === 'logs.tail-errors'),
      'the run finished',
      30_000,
    );
    expect(finished).toMatchObject({ outcome: 'succeeded' });
    // The timeline has the result before Slack does: wait for the file's bytes, not only its upload slot.
    const output = await eventually(() => k.emulator.files().find((f) => f.name === 'logs.tail-errors-output.txt' && f.content !== undefined), 'the output file', 20_000);
    // The output did arrive (redacted), so the absence below is redaction, not a run that printed nothing.
    expect(output.content?.toString('utf8')).toContain('REDACTED');

    const slack = JSON.stringify(k.emulator.calls().map((c) => c.args)) + k.emulator.files().map((f) => f.content?.toString('utf8') ?? '').join('\n');
    expect(leakedSecrets(slack)).toEqual([]);
    expect(leakedSecrets(await redisText(k))).toEqual([]);
    expect(logs.length).toBeGreaterThan(0);
    expect(leakedSecrets(logs)).toEqual([]);
    const report = await compileReport({ store: k.bot.services.store, policy: sandboxPolicy, catalogue, locale: 'en', timeZone: 'Asia/Tokyo' }, incident.id, Date.now());
    if (!report.ok) throw new Error('no report');
    expect(report.value.markdown).toContain('logs.tail-errors');
    expect(leakedSecrets(report.value.markdown)).toEqual([]);
  }, 60_000);
});
