import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Decide } from '../../src/app/intent-port.js';
import { ok } from '../../src/domain/result.js';
import { createIncidentStore } from '../../src/store/incident-store.js';
import { createIntentLog } from '../../src/store/intent-log.js';
import { storeKeys } from '../../src/store/keys.js';
import { aNote, anIncident, deletePrefix, uniquePrefix } from './fixtures.js';

const prefix = uniquePrefix('intent-log');
const keys = storeKeys(prefix);
let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

// Each intent is a note's text; folding it writes that note.
const decide: Decide = (incident, json) => ok({ incident, events: [{ ...aNote(incident.id, `note-${json}`), text: json }] });

describe('fold', () => {
  it('writes the folded events to the stream and to the timeline text in the same step, once each', async () => {
    const store = createIncidentStore(redis, { prefix });
    const intents = createIntentLog(redis, { prefix });
    const incident = anIncident(1);
    expect((await store.create(incident, [aNote(incident.id, 'declared')])).ok).toBe(true);
    const texts = ['ログ確認', 'a "quoted" \u2028 line', 'third'];
    for (const [n, text] of texts.entries()) {
      expect(await intents.append(incident.id, `k${n}`, JSON.stringify(text).slice(1, -1), Date.now() + 60_000)).toEqual({ status: 'ok' });
      await intents.confirm(incident.id, `k${n}`);
    }
    const pass = await intents.fold(incident.id, decide);
    expect(pass.state).toBe('folded');
    expect(await intents.fold(incident.id, decide)).toEqual({ state: 'idle' });
    const stream = (await redis.xrange(keys.timeline(incident.id), '-', '+')).map(([, fields]) => JSON.parse(fields[fields.indexOf('json') + 1] as string) as unknown);
    const text = JSON.parse(`[${((await redis.get(keys.timelineText(incident.id))) ?? '').slice(1)}]`) as unknown;
    expect(text).toEqual(stream);
    expect((await store.timelineAll(incident.id)).map((e) => e.id)).toEqual(['declared', ...texts.map((t) => `note-${JSON.stringify(t).slice(1, -1)}`)]);
  });
});
