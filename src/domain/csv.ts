// CSV as RFC 4180 writes it, for spreadsheets: fields with a comma, a quote or a line break are quoted (quotes
// doubled), lines end in CRLF. A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a
// carriage return first) gets a leading `'`, so an exported text can never compute anything.
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as one CSV document (with a final CRLF).
 * @example toCsv([['id', 'text'], ['F1', 'a, "b"']]) //=> 'id,text\r\nF1,"a, ""b"""\r\n'
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
