import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextDigest, textDigest } from '../../src/app/text-digest.js';

const whole = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('textDigest', () => {
  it('is the digest of the whole text however it is cut, surrogate pairs and lone halves included', () => {
    const unit = fc.oneof(fc.constantFrom('a', '障', '😀', '\ud83d', '\ude00', '\n'), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }).map((parts) => parts.join('')), fc.integer({ min: 1, max: 7 }), (text, piece) => {
        expect(textDigest(text, piece)).toBe(whole(text));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes a report-sized text as one piece would', () => {
    const text = '| 2026/03/10 10:00:05 JST | 😀 障害 |\n'.repeat(60_000);
    expect(textDigest(text)).toBe(whole(text));
    expect(textDigest('')).toBe(whole(''));
  });
});

describe('createTextDigest', () => {
  it('fed a text in parts is the digest of the whole', () => {
    const unit = fc.oneof(fc.constantFrom('a', '障', '😀', '\n'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.array(unit, { maxLength: 10 }).map((p) => p.join('')), { maxLength: 8 }), (parts) => {
        const digest = createTextDigest(4);
        for (const part of parts) digest.update(part);
        expect(digest.hex()).toBe(whole(parts.join('')));
      }),
      { numRuns: 300 },
    );
  });
});
