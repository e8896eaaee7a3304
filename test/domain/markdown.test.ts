import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { marked, type Token, type Tokens } from 'marked';
import { escapeBlock, escapeInline, pushTableRow, tableHeader, tableRow } from '../../src/domain/markdown.js';

const HOSTILE = ['|', '```', '~~~', '*', '_', '#', '\n', '\r\n', '<@U1>', '<div>', '[x](y)', '![i](y)', '- ', '+ ', '1. ', '2) ', '>', '\\', '&amp;', '    ', '\t', '---', '===', '`'];
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

// The plain text a run of inline tokens shows; any token that is markup rather than text fails the test.
function inlineText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'text' || token.type === 'escape') return token.text;
      if (token.type === 'link' && (token as Tokens.Link).href.replace(/^(mailto:|http:\/\/)/, '') === token.text.replace(/^mailto:/, '')) {
        return token.text; // a GFM autolink of a bare URL or address shows the same text
      }
      throw new Error(`markup token ${token.type} in ${JSON.stringify(token.raw)}`);
    })
    .join('');
}

const flatten = (text: string): string => text.replace(/\r\n|[\r\n\u2028\u2029\v\f\u0085]/g, ' ');
const trimSpaces = (text: string): string => text.replace(/^[ \t]+|[ \t]+$/g, '');

describe('escapeInline', () => {
  it.each([
    ['plain words', 'plain words'],
    ['a | b', 'a \\| b'],
    ['*bold* _em_ ~del~', '\\*bold\\* \\_em\\_ \\~del\\~'],
    ['`code`', '\\`code\\`'],
    ['<@U1> & <b>', '\\<@U1\\> \\& \\<b\\>'],
    ['[x](y)', '\\[x\\](y)'],
    ['# title', '\\# title'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['12. item', '12\\. item'],
    ['3) item', '3\\) item'],
    ['=== under', '\\=== under'],
    ['line one\nline two\r\nthree', 'line one line two three'],
    ['back\\slash', 'back\\\\slash'],
    ['1.5 ms, a-b', '1.5 ms, a-b'],
    ['-5 °C +1 vote', '-5 °C +1 vote'],
    ['-', '\\-'],
    ['7.', '7\\.'],
    ['日本語のテキスト', '日本語のテキスト'],
  ])('%j → %j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });

  it('keeps every character as text, on one line', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeInline(text);
        expect(escaped).not.toMatch(/[\r\n]/);
        fc.pre(escaped.trim() !== '');
        const tokens = marked.lexer(`x ${escaped}`);
        expect(tokens.map((token) => token.type)).toEqual(['paragraph']);
        const paragraph = tokens[0] as Tokens.Paragraph;
        expect(trimSpaces(inlineText(paragraph.tokens))).toBe(trimSpaces(`x ${flatten(text)}`));
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeBlock', () => {
  it.each([
    ['one line', 'one line'],
    ['first\nsecond', 'first\\\nsecond'],
    ['  ```js\ncode\n```', '\\`\\`\\`js\\\ncode\\\n\\`\\`\\`'],
    ['    indented code', 'indented code'],
    ['# heading\n## sub', '\\# heading\\\n\\#\\# sub'],
    ['text\n---', 'text\\\n\\---'],
    ['text\n===', 'text\\\n\\==='],
    ['- a\n* b\n+ c\n1. d', '\\- a\\\n\\* b\\\n\\+ c\\\n1\\. d'],
    ['> quote', '\\> quote'],
    ['\n\npara one\n\n\n\npara two\n\n', 'para one\n\npara two'],
    ['trailing   \nspaces', 'trailing\\\nspaces'],
    ['ends with \\\nnext', 'ends with \\\\\\\nnext'],
  ])('%j → %j', (input, expected) => {
    expect(escapeBlock(input)).toBe(expected);
  });

  it('never produces a block other than paragraphs, and keeps every line as text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown: string[] = [];
        for (const token of marked.lexer(escapeBlock(text))) {
          expect(['paragraph', 'space']).toContain(token.type);
          if (token.type !== 'paragraph') continue;
          const inline = (token as Tokens.Paragraph).tokens;
          const breaks = inline.flatMap((child, i) => (child.type === 'br' ? [i] : []));
          [-1, ...breaks].forEach((start, i) => shown.push(inlineText(inline.slice(start + 1, breaks[i] ?? inline.length))));
        }
        const typed = text.split(/\r\n|[\r\n\u2028\u2029\v\f\u0085]/).map((line) => line.trim()).filter((line) => line !== '');
        expect(shown).toEqual(typed);
      }),
      { numRuns: 500 },
    );
  });
});

describe('tableRow and tableHeader', () => {
  it.each([
    [['a', 'b'], '| a | b |'],
    [['a|b', ''], '| a\\|b |  |'],
    [['x\ny', '`z`'], '| x y | \\`z\\` |'],
    [['- lead', '1. one'], '| \\- lead | 1\\. one |'],
  ])('%j → %j', (cells, expected) => {
    expect(tableRow(cells)).toBe(expected);
  });

  it('pushTableRow appends the parts of tableRow after what is there and returns the row\'s length', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { maxLength: 6 }), (cells) => {
        const parts = ['before'];
        const length = pushTableRow(parts, cells);
        expect(parts[0]).toBe('before');
        expect(parts.slice(1).join('')).toBe(tableRow(cells));
        expect(length).toBe(tableRow(cells).length);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the delimiter row for the number of columns', () => {
    expect(tableHeader(['Time', 'Event'])).toBe('| Time | Event |\n| --- | --- |');
  });

  it('keeps a table of hostile cells exactly one row of three cells per row', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostileText, hostileText, hostileText), { minLength: 1, maxLength: 5 }), (rows) => {
        const markdown = [tableHeader(['a', 'b', 'c']), ...rows.map((row) => tableRow(row))].join('\n');
        const tokens = marked.lexer(markdown);
        expect(tokens.map((token) => token.type)).toEqual(['table']);
        const table = tokens[0] as Tokens.Table;
        expect(table.rows).toHaveLength(rows.length);
        table.rows.forEach((cells, i) => {
          expect(cells.map((cell) => inlineText(cell.tokens).trim())).toEqual(rows[i]?.map((text) => flatten(text).trim()));
        });
      }),
      { numRuns: 300 },
    );
  });
});
