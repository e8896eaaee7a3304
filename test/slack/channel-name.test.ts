import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelNameError } from '../../src/sandbox/emulator/methods/conversations.js';
import { channelName, slugify } from '../../src/slack/channel-name.js';

const declaredAt = Date.UTC(2026, 2, 9, 16, 30); // 2026-03-10 01:30 in Tokyo

describe('channelName', () => {
  it.each([
    [{ number: 7, title: 'DB down!' }, 1, 'Asia/Tokyo', 'inc-20260310-007-db-down'],
    [{ number: 7, title: 'DB down!' }, 1, 'UTC', 'inc-20260309-007-db-down'],
    [{ number: 1234, title: 'Café  crash — main.py' }, 1, 'Asia/Tokyo', 'inc-20260310-1234-cafe-crash-main-py'],
    [{ number: 12, title: 'バックテスト停止' }, 1, 'Asia/Tokyo', 'inc-20260310-012-バックテスト停止'],
    [{ number: 3, title: 'バックテストが起動しない main.py クラッシュ' }, 1, 'Asia/Tokyo', 'inc-20260310-003-バックテストが起動しない-main-py-クラッシュ'],
    [{ number: 4, title: 'ＤＢ　ﾀﾞｳﾝ（本番）' }, 1, 'Asia/Tokyo', 'inc-20260310-004-db-ダウン-本番'],
    [{ number: 5, title: 'DB &amp; cache' }, 1, 'Asia/Tokyo', 'inc-20260310-005-db-amp-cache'],
    [{ number: 6, title: 'DB & cache 🔥' }, 1, 'Asia/Tokyo', 'inc-20260310-006-db-cache'],
    [{ number: 12, title: 'DB down' }, 3, 'Asia/Tokyo', 'inc-20260310-012-db-down-3'],
  ])('names %j (attempt %i, %s) %s', (incident, attempt, zone, expected) => {
    expect(channelName({ ...incident, declaredAt }, zone, attempt)).toBe(expected);
  });

  it('always follows Slack rules: lowercase letters, digits, - and _, at most 80 characters, unique per attempt', () => {
    const title = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 120 }));
    fc.assert(
      fc.property(title, fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 1, max: 20 }), (title, number, attempt) => {
        const name = channelName({ number, title, declaredAt }, 'Asia/Tokyo', attempt);
        expect(channelNameError(name)).toBeUndefined();
        expect(Array.from(name).length).toBeLessThanOrEqual(80);
        expect(name).not.toMatch(/[\s.A-Z]/);
        expect(name.startsWith(`inc-20260310-${String(number).padStart(3, '0')}`)).toBe(true);
        if (attempt > 1) expect(name.endsWith(`-${attempt}`)).toBe(true);
        expect(name).not.toBe(channelName({ number, title, declaredAt }, 'Asia/Tokyo', attempt + 1));
      }),
    );
  });

  it('slugs drop punctuation at both ends', () => {
    expect(slugify('--Hello, World--')).toBe('hello-world');
  });
});
