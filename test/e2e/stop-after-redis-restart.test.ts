// A bot and a host worker asked to stop just after their Redis restarted: their queue connections are still
// waiting to try again, and the stop finishes rather than waiting for them for good. The Redis is this file's
// own, as it is stopped and started again.
import { expect, it } from 'vitest';
import { eventually, startKlaxon, USERS } from '../support/klaxon-harness.js';
import { restartableRedis } from '../support/restartable-redis.js';

const redis = restartableRedis('stop-restart');

it('stops within seconds when asked right after Redis came back', { timeout: 60_000 }, async () => {
  const k = await startKlaxon({ worker: true, env: { REDIS_URL: redis.url } });
  const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Backtests crash on start' });
  const id = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
  await eventually(async () => (await k.bot.services.store.getLinks(id))['channel'], 'the incident channel');
  // Away long enough that the connections' reconnect delays have grown to several hundred milliseconds.
  await redis.goAway();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await redis.comeBack();

  const asked = Date.now();
  const stopped = await Promise.race([k.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still stopping'), 20_000))]);
  expect(stopped).toBe('stopped');
  expect(Date.now() - asked).toBeLessThan(10_000);
  // What was stored before the restart is there (the AOF), and nothing the stop did lost it.
  const again = await startKlaxon({ env: { REDIS_URL: redis.url }, redisPrefix: k.config.redisPrefix });
  try {
    expect((await again.bot.services.store.listOpen()).map((i) => i.id)).toEqual([id]);
  } finally {
    await again.stop();
  }
});
