// A first-come claim on a key for a while: Slack request replays and event retries are acted on once.
import type { Redis } from 'ioredis';
import type { Once } from '../app/ports.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';
import { redisScript } from './redis-script.js';

export type { Once } from '../app/ports.js';

// Compare and delete in one step: a hold taken over by someone else in between is not theirs to lose.
const releaseScript = redisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`);

// Compare and set in one step: of two takers of the same hold, only the first finds its old owner there.
const swapScript = redisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
`);

interface Pending {
  readonly key: string;
  readonly ttlSeconds: number;
  resolve(won: boolean): void;
  reject(error: unknown): void;
}

// SET NX EX: atomic, so concurrent replicas receiving the same retry agree on one winner. A claim made while
// none is waiting for Redis goes at once (an ack waits on it); claims made while one is waiting (a burst of
// requests read together) follow as one pipeline at the end of the event loop's turn: one write and one read
// on the socket instead of one per claim.
export function createOnce(redis: Redis, options: { readonly prefix?: string } = {}): Once {
  const keys = storeKeys(options.prefix ?? DEFAULT_PREFIX);
  let batch: Pending[] | undefined;
  let waiting = 0;
  const set = (claim: Pending) => ['set', keys.once(claim.key), '1', 'EX', String(claim.ttlSeconds), 'NX'];
  function send(claims: readonly Pending[]): void {
    waiting += claims.length;
    const answered = () => void (waiting -= claims.length);
    if (claims.length === 1) {
      const [claim] = claims as [Pending];
      redis.set(keys.once(claim.key), '1', 'EX', claim.ttlSeconds, 'NX').then(
        (answer) => (answered(), claim.resolve(answer === 'OK')),
        (error: unknown) => (answered(), claim.reject(error)),
      );
      return;
    }
    redis
      .pipeline(claims.map(set))
      .exec()
      .then(
        (results) => {
          answered();
          claims.forEach((claim, i) => {
            const [error, answer] = results?.[i] ?? [new Error('no answer from Redis for a claim'), null];
            if (error) claim.reject(error);
            else claim.resolve(answer === 'OK');
          });
        },
        (error: unknown) => {
          answered();
          claims.forEach((claim) => claim.reject(error));
        },
      );
  }
  function endOfTurn(): void {
    const claims = batch ?? [];
    batch = undefined;
    send(claims);
  }
  return {
    claim(key, ttlSeconds) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) return Promise.reject(new Error(`ttlSeconds must be a positive integer, got ${ttlSeconds}`));
      return new Promise<boolean>((resolve, reject) => {
        const claim = { key, ttlSeconds, resolve, reject };
        if (batch) return void batch.push(claim);
        if (waiting === 0) return send([claim]);
        batch = [claim];
        setImmediate(endOfTurn);
      });
    },
    async hold(key, owner, ttlSeconds) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
      // SET NX GET (Redis ≥ 7): one step, so two claimants never both see the key free.
      const previous = await redis.call('SET', keys.once(key), owner, 'EX', String(ttlSeconds), 'NX', 'GET');
      return previous === null ? owner : String(previous);
    },
    async release(key, owner) {
      return (await releaseScript.run(redis, [keys.once(key)], [owner])) === 1;
    },
    async swap(key, from, to, ttlSeconds) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
      return (await swapScript.run(redis, [keys.once(key)], [from, to, String(ttlSeconds)])) === 1;
    },
  };
}
