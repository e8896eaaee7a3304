import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../src/store/codec.js';

// Any code point, lone surrogate halves often.
const anyCodePoint = fc.oneof(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0xd800, max: 0xdfff })).map((code) => String.fromCodePoint(code));

describe('asciiJson', () => {
  it('writes Japanese, emoji and DEL as \\u escapes', () => {
    expect(asciiJson({ text: '調査 🚨\u007f' })).toBe('{"text":"\\u8abf\\u67fb \\ud83d\\udea8\\u007f"}');
  });

  it('is ASCII text of the same value as JSON.stringify, whatever the strings hold (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: anyCodePoint }), fc.oneof(fc.string({ unit: anyCodePoint }), fc.integer(), fc.boolean())), (value) => {
        const text = asciiJson(value);
        expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});
