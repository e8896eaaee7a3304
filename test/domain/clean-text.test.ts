import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, containsUnsafe } from '../../src/domain/clean-text.js';


describe('cleanText', () => {
  it.each([
    ['NUL', 'a\u0000b', 'ab'],
    ['an escape sequence', 'red \u001b[31mtext', 'red [31mtext'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['isolates and marks', '\u2066a\u2069\u200Fb\u200E\u061C', 'ab'],
    ['C1 controls and DEL', 'x\u0085y\u009Bz\u007F', 'xyz'],
    ['a byte-order mark', '\uFEFFtitle', 'title'],
    ['line separators', 'one\u2028two\u2029', 'onetwo'],
    ['CR and CRLF become LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['tabs, newlines, Japanese and emoji stay', '障害\t対応\n🔥 👩‍💻', '障害\t対応\n🔥 👩‍💻'],
  ])('removes %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('leaves nothing unsafe in any string, and cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = cleanText(text);
        expect(containsUnsafe(once)).toBe(false);
        expect(cleanText(once)).toBe(once);
      }),
    );
  });
});
