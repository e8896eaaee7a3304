import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/domain/csv.js';

// An RFC 4180 reader, independent of the writer: quoted fields may hold commas, doubled quotes and line breaks.
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('toCsv', () => {
  it.each<[string, string, string]>([
    ['plain', 'Pin pandas', 'Pin pandas'],
    ['comma', 'a, b', '"a, b"'],
    ['quotes', 'say "hi"', '"say ""hi"""'],
    ['line break', 'one\ntwo', '"one\ntwo"'],
    ['Japanese', '依存関係の監査、週次', '依存関係の監査、週次'],
    ['Japanese with a comma and a line break', '監査,週次\n完了', '"監査,週次\n完了"'],
    ['formula', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['a dash list', '- fix it', "'- fix it"],
  ])('%s', (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('reads back as the same rows, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 1, maxLength: 5 }), { maxLength: 6 }), (rows) => {
        const back = readCsv(toCsv(rows));
        expect(back).toEqual(rows.map((row) => row.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value))));
      }),
    );
  });
});
