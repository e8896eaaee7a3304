// Redis stops answering for 20 s (SIGSTOP) while people keep adding notes: every request is still answered
// before Slack gives up (Bolt answers 404 at 3 s, so a 200 is in time), each answer says "saved" or "not
// saved", and afterwards the record holds exactly the saved notes: nothing told "not saved" is applied when
// Redis comes back and executes what was queued.
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotAnswer } from '../../src/sandbox/emulator/emulator-types.js';
import { startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';
import { storeKeys } from '../../src/store/keys.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const STALL_MS = 20_000;
const SENDERS = 20;

describe('a Redis that stalls for 20 s under load', () => {
  let redis: RunningRedis;
  let k: Klaxon;
  beforeAll(async () => {
    const started = await startRedisServer();
    if (!started.ok) throw new Error(started.error);
    redis = started.value;
    k = await startKlaxon({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    if (redis?.process.pid) process.kill(redis.process.pid, 'SIGCONT');
    await k?.stop();
    await redis?.stop();
  });

  it('answers every note in time, and applies exactly the ones it said were saved', { timeout: 180_000 }, async () => {
    const declared = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Redis stalls' });
    const id = /(inc-\d+) declared/.exec(declared.body)?.[1] as string;
    const channel = await eventually(async () => (await k.bot.services.store.getLinks(id))['channel'], 'the incident channel');

    const answers: { text: string; answer: BotAnswer }[] = [];
    let sending = true;
    let next = 0;
    const senders = Array.from({ length: SENDERS }, async () => {
      while (sending) {
        const text = `stall-${(next += 1)}`;
        answers.push({ text, answer: await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: `note ${text}` }) });
      }
    });
    const notSaved = () => answers.filter((a) => /Not saved/.test(a.answer.body)).length;
    await eventually(() => answers.length >= 40, 'traffic before the stall', 60_000);
    const pid = redis.process.pid as number;
    process.kill(pid, 'SIGSTOP');
    const before = notSaved();
    await sleep(STALL_MS);
    const duringStall = notSaved() - before;
    process.kill(pid, 'SIGCONT');
    const resumedAt = answers.length;
    await eventually(() => answers.length >= resumedAt + 40, 'traffic after the stall', 60_000);
    sending = false;
    await Promise.all(senders);

    console.log(`${answers.length} notes, ${notSaved()} not saved (${duringStall} during the stall), slowest ${Math.max(...answers.map((a) => a.answer.ms))} ms`);
    expect([...new Set(answers.map((a) => a.answer.status))]).toEqual([200]);
    expect(duringStall).toBeGreaterThan(0);
    for (const { answer } of answers) expect(answer.body).toMatch(/Note added|Saved;|Not saved/);

    // Wait until every intent is decided (folded or revoked): the incident leaves the unfolded set.
    const direct = new Redis(redis.url);
    try {
      await eventually(async () => !(await direct.sismember(storeKeys(k.config.redisPrefix).unfolded, id)), 'every intent folded or revoked', 60_000);
    } finally {
      direct.disconnect();
    }
    const saved = answers.filter((a) => /Note added|Saved;/.test(a.answer.body)).map((a) => a.text);
    const recorded = (await k.bot.services.store.timelineAll(id)).flatMap((e) => (e.type === 'note' ? [e.text] : []));
    expect(new Set(recorded).size).toBe(recorded.length);
    expect([...recorded].sort()).toEqual([...saved].sort());
  });
});
