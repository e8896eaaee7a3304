// Stopping the bot (what SIGTERM does) in the middle of a click burst: when stop() returns, every click
// answered 200 without a "not saved" reply is already in the record, and nothing else is. That is the drain:
// requests in flight finish, their confirmations reach Redis and the stream is folded before the connections
// close. Without it an acknowledged click waits unconfirmed until another bot's sweep gives up waiting for a
// revoke (30 s later), and a revoke cut off by the close would let a "not saved" click be applied.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createSlackEmulator, type SlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import type { BotAnswer } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION, checklistBlockId } from '../../src/slack/ids.js';
import { createIncidentStore } from '../../src/store/incident-store.js';
import { storeKeys } from '../../src/store/keys.js';
import { createRedis } from '../../src/store/redis-connection.js';
import { APP_TOKEN, BOT_TOKEN, eventually, SIGNING_SECRET, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const CLICKS = 300;

describe('graceful shutdown during a click burst', () => {
  let emulator: SlackEmulator | undefined;
  const bots: Klaxon[] = [];
  afterAll(async () => {
    for (const bot of bots) await bot.stop().catch(() => undefined);
    await emulator?.close();
  });

  it('loses no acknowledged click', { timeout: 120_000 }, async () => {
    emulator = await createSlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN, channels: [{ name: 'general' }, { name: 'incidents' }] });
    const redisPrefix = `t${randomUUID().slice(0, 8)}`;
    const first = await startKlaxon({ emulator, redisPrefix });
    bots.push(first);
    const declared = await emulator.slashCommand({ userId: USERS.l1, channelId: first.general, text: 'declare high Shutdown mid-burst' });
    const id = /(inc-\d+) declared/.exec(declared.body)?.[1] as string;
    const links = await eventually(async () => {
      const all = await first.bot.services.store.getLinks(id);
      return all['checklist'] ? all : undefined;
    }, 'the checklist');
    const channel = links['channel'] as string;

    const answers: (BotAnswer | undefined)[] = [];
    const burst = Array.from({ length: CLICKS }, (_, n) =>
      emulator!
        .clickButton({ userId: USERS.l2, channelId: channel, messageTs: links['checklist'] as string, actionId: ACTION.checklistToggle, blockId: checklistBlockId('root_cause') })
        .then(
          (answer) => (answers[n] = answer),
          () => (answers[n] = undefined),
        ),
    );
    // Stop while the burst is being answered: some clicks are done, some in flight, some not yet accepted.
    await eventually(() => answers.filter(Boolean).length >= 20, 'the first answers', 60_000);
    await first.bot.stop();
    await Promise.all(burst);
    bots.splice(0);

    const acknowledged = answers.filter((a) => a?.status === 200).length;
    const notSaved = emulator.ephemerals(channel, USERS.l2).filter((e) => /Not saved/.test(e.text)).length;
    console.log(`${acknowledged} of ${CLICKS} clicks answered 200 before the stop, ${notSaved} of them "not saved"`);
    expect(acknowledged).toBeGreaterThan(0);

    // No other bot runs: what the record holds now is what the stopping bot finished before it exited.
    const redis = createRedis(inject('redisUrl'), 'command');
    try {
      const store = createIncidentStore(redis, { prefix: redisPrefix });
      const toggles = (await store.timelineAll(id)).filter((e) => (e.type === 'checklist_ticked' || e.type === 'checklist_unticked') && e.item === 'root_cause');
      // No intent is left pending (appended, neither confirmed nor revoked): its answer would be a guess.
      expect(Object.values(await redis.hgetall(storeKeys(redisPrefix).outcomes(id))).filter((state) => state === 'p')).toEqual([]);
      expect(await redis.sismember(storeKeys(redisPrefix).unfolded, id)).toBe(0);
      expect(toggles).toHaveLength(acknowledged - notSaved);
      expect((await store.get(id))?.checklist.root_cause.done).toBe(toggles.length % 2 === 1);
    } finally {
      redis.disconnect();
    }
  });
});
