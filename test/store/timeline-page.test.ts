import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readTimeline } from '../../src/store/timeline-page.js';
import { deletePrefix, uniquePrefix } from './fixtures.js';

const prefix = uniquePrefix('timeline-page');
let redis: Redis;
let n = 0;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

// Any code point, lone surrogate halves included (JSON.stringify writes those as \u escapes).
const anyCodePoint = fc.oneof(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0xd800, max: 0xdfff })).map((code) => String.fromCodePoint(code));

/** A stream whose entries were appended at the given milliseconds (several in one millisecond share it). */
async function streamAt(appendMs: readonly number[]): Promise<string> {
  const key = `${prefix}:timeline:${(n += 1)}`;
  const seq = new Map<number, number>();
  const pipeline = redis.pipeline();
  for (const [i, ms] of appendMs.entries()) {
    const s = seq.get(ms) ?? 0;
    seq.set(ms, s + 1);
    pipeline.xadd(key, `${ms}-${s}`, 'json', JSON.stringify({ id: `e${i}`, type: 'note', at: ms, incidentId: 'INC-1' }));
  }
  await pipeline.exec();
  return key;
}

// The timeline's text key beside a hand-written stream: absent unless a test writes it, so the stream is read.
const textOf = (key: string): string => `${key}:text`;

describe('readTimeline', () => {
  it('is empty for a stream that does not exist', async () => {
    expect(await readTimeline(redis, `${prefix}:missing`, textOf(`${prefix}:missing`))).toEqual([]);
  });

  it('reads every entry once and in order, however the appends are spread or bunched', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Gaps between appends: mostly 0 (a batch in one millisecond), sometimes long pauses.
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5_000_000 })), { minLength: 1, maxLength: 3_500 }),
        async (gaps) => {
          let at = 1_700_000_000_000;
          const key = await streamAt(gaps.map((gap) => (at += gap)));
          expect((await readTimeline(redis, key, textOf(key))).map((e) => e.id)).toEqual(gaps.map((_, i) => `e${i}`));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('reads back exactly the events written, whatever their text holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: anyCodePoint, maxLength: 300 }), { minLength: 1, maxLength: 450 }), async (texts) => {
        const key = `${prefix}:timeline:${(n += 1)}`;
        const events = texts.map((text, i) => ({ id: `e${i}`, type: 'note', at: i, incidentId: 'INC-1', text }));
        const pipeline = redis.pipeline();
        for (const [i, event] of events.entries()) pipeline.xadd(key, `${1_000 + i}-0`, 'json', JSON.stringify(event));
        await pipeline.exec();
        expect(await readTimeline(redis, key, textOf(key))).toEqual(events);
      }),
      { numRuns: 15 },
    );
  });

  it('reads on past a slice that comes back full (2,500 appends in one millisecond)', async () => {
    const key = await streamAt([...Array.from({ length: 2_500 }, () => 5_000), 5_001, 9_000]);
    const ids = (await readTimeline(redis, key, textOf(key))).map((e) => e.id);
    expect(ids).toHaveLength(2_502);
    expect(new Set(ids).size).toBe(2_502);
    expect(ids.at(-1)).toBe('e2501');
  });

  it('refuses an entry that holds no event, naming it', async () => {
    const key = await streamAt([1_000, 2_000]);
    const bad = await redis.xadd(key, '3000-0', 'type', 'note', 'json', '{"id":"e9","type":"note"}');
    await redis.xadd(key, '4000-0', 'id', 'e10');
    await expect(readTimeline(redis, key, textOf(key))).rejects.toThrow(`timeline entry ${bad} is malformed`);
  });

  it('reads the json field wherever the entry keeps it', async () => {
    const key = `${prefix}:timeline:${(n += 1)}`;
    const event = { id: 'e1', type: 'note', at: 1, incidentId: 'INC-1' };
    await redis.xadd(key, '1-0', 'id', 'json', 'at', '1', 'json', JSON.stringify(event), 'type', 'note');
    expect(await readTimeline(redis, key, textOf(key))).toEqual([event]);
  });

  // Only a hand-written entry has two; the fast path leaves it to the entry-by-entry decoding, which takes the first.
  it('reads an entry with two json fields as the entry-by-entry decoding does', async () => {
    const key = `${prefix}:timeline:${(n += 1)}`;
    const [first, second] = [1, 2].map((i) => ({ id: `e${i}`, type: 'note', at: i, incidentId: 'INC-1' }));
    await redis.xadd(key, '1-0', 'json', JSON.stringify(first));
    await redis.xadd(key, '2-0', 'json', JSON.stringify(first), 'json', JSON.stringify(second));
    expect((await readTimeline(redis, key, textOf(key))).map((e) => e.id)).toEqual(['e1', 'e1']);
  });

  it('never reads a json field holding two events as two entries', async () => {
    const key = await streamAt([1_000, 2_000]);
    const event = (id: string) => JSON.stringify({ id, type: 'note', at: 3_000, incidentId: 'INC-1' });
    await redis.xadd(key, '3000-0', 'json', `${event('x1')},${event('x2')}`);
    await expect(readTimeline(redis, key, textOf(key))).rejects.toThrow(SyntaxError);
  });

  it('refuses a json field that is valid JSON but no event, naming its entry', async () => {
    const key = await streamAt([1_000]);
    const bad = await redis.xadd(key, '2000-0', 'json', '[1,2]');
    await expect(readTimeline(redis, key, textOf(key))).rejects.toThrow(`timeline entry ${bad} is malformed`);
  });

  describe('from the timeline text', () => {
    const note = (id: string) => ({ id, type: 'note', at: 1, incidentId: 'INC-1' });
    /** A stream of `ids` with a text of `text`: the two disagree on purpose, so a result shows which was read. */
    async function streamWithText(ids: readonly string[], text: string): Promise<string> {
      const key = `${prefix}:timeline:${(n += 1)}`;
      for (const [i, id] of ids.entries()) await redis.xadd(key, `${i + 1}-0`, 'json', JSON.stringify(note(id)));
      await redis.set(textOf(key), text);
      return key;
    }

    it('reads the text when it holds exactly as many events as the stream', async () => {
      const key = await streamWithText(['s1', 's2'], `,${JSON.stringify(note('t1'))},${JSON.stringify(note('t2'))}`);
      expect((await readTimeline(redis, key, textOf(key))).map((e) => e.id)).toEqual(['t1', 't2']);
    });

    it.each([
      ['fewer events than the stream (an incident from before the text)', `,${JSON.stringify(note('t2'))}`],
      ['more events than the stream', `,${JSON.stringify(note('t1'))},${JSON.stringify(note('t2'))},${JSON.stringify(note('t3'))}`],
      ['text that is not JSON', `,${JSON.stringify(note('t1'))},{"id":`],
      ['a value that is no event', `,${JSON.stringify(note('t1'))},[1,2]`],
      ['no leading comma', `${JSON.stringify(note('t1'))},${JSON.stringify(note('t2'))}`],
    ])('reads the stream when the text has %s', async (_, text) => {
      const key = await streamWithText(['s1', 's2'], text);
      expect((await readTimeline(redis, key, textOf(key))).map((e) => e.id)).toEqual(['s1', 's2']);
    });

    it('reads a text that is not ASCII (written by hand) as UTF-8', async () => {
      const key = await streamWithText(['s1'], `,${JSON.stringify({ ...note('t1'), text: '調査中 🚨' })}`);
      expect(await readTimeline(redis, key, textOf(key))).toEqual([{ ...note('t1'), text: '調査中 🚨' }]);
    });

    it('is empty when the stream is, whatever the text holds', async () => {
      const key = `${prefix}:timeline:${(n += 1)}`;
      await redis.set(textOf(key), `,${JSON.stringify(note('t1'))}`);
      expect(await readTimeline(redis, key, textOf(key))).toEqual([]);
    });
  });
});
