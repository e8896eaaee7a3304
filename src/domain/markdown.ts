// Escaping for user text placed into generated Markdown: whatever people type (titles, notes, command
// output digests, display names) must stay text and never become headings, lists, code, HTML or table cells.

// Every ASCII character that can open or close inline Markdown or split a GFM table cell.
const INLINE_SPECIAL = /[\\`*_#<>[\]|~&]/g;
const HAS_INLINE_SPECIAL = /[\\`*_#<>[\]|~&]/;
// Line starts that open a block: bullets and rules ("- ", "+ ", "---"), setext underlines ("==="), ordered-list
// numbers ("1. " / "1) "). "-5 °C" or "1.5 ms" open nothing and stay as typed.
const BLOCK_START = /^(?:[-+=](?=[-=\s]|$)|\d{1,9}(?=[.)](?:\s|$)))/;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\v\f\u0085]/g;
const HAS_LINE_BREAK = /[\r\n\u2028\u2029\v\f\u0085]/;
const NEEDS_ESCAPE = /[\\`*_#<>[\]|~&\r\n\u2028\u2029\v\f\u0085]/;

/**
 * One line of plain text made safe anywhere inline: in a table cell, a list item or a heading.
 * Line breaks become spaces; a leading block marker is escaped too, so the result may start a line.
 * @example escapeInline('a | *b*\n# c') //=> 'a \\| \\*b\\* \\# c'
 */
export function escapeInline(text: string): string {
  // Most cells (times, ids, names) need nothing: one test for both kinds skips building new strings for them.
  if (!NEEDS_ESCAPE.test(text)) return escapeLineStart(text);
  let safe = HAS_LINE_BREAK.test(text) ? text.replace(LINE_BREAK, ' ') : text;
  if (HAS_INLINE_SPECIAL.test(safe)) safe = safe.replace(INLINE_SPECIAL, '\\$&');
  return escapeLineStart(safe);
}

/**
 * Multi-line plain text made safe as the body of a section: no line can start a heading, list, quote, code
 * block or fence. Line breaks survive as hard breaks (a trailing backslash), blank lines as paragraph
 * breaks (runs collapse to one); edges are trimmed.
 * @example escapeBlock('  ```\n- x') //=> '\\`\\`\\`\\\n\\- x'
 */
export function escapeBlock(text: string): string {
  const out: string[] = [];
  for (const rawLine of text.split(LINE_BREAK)) {
    // Leading indentation would turn the line into an indented code block.
    const line = escapeInline(rawLine.trimStart()).trimEnd();
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  if (out[out.length - 1] === '') out.pop();
  return out.map((line, i) => (line !== '' && (out[i + 1] ?? '') !== '' ? `${line}\\` : line)).join('\n');
}

/**
 * A GFM table row from plain-text cells, each escaped so it stays exactly one cell.
 * @example tableRow(['a|b', 'c']) //=> '| a\\|b | c |'
 */
export function tableRow(cells: readonly string[]): string {
  const parts: string[] = [];
  pushTableRow(parts, cells);
  return parts.join('');
}

/**
 * `tableRow(cells)` as parts appended to `parts` (the escaped cells between their separators), for a caller
 * that joins many rows at once; returns the row's length.
 */
export function pushTableRow(parts: string[], cells: readonly string[]): number {
  let length = 1;
  parts.push('|');
  for (const cell of cells) {
    const safe = escapeInline(cell);
    parts.push(' ', safe, ' |');
    length += safe.length + 3;
  }
  return length;
}

/**
 * A GFM table's header row and delimiter row from plain-text column names.
 * @example tableHeader(['Time', 'Event']) //=> '| Time | Event |\n| --- | --- |'
 */
export function tableHeader(columns: readonly string[]): string {
  return `${tableRow(columns)}\n|${' --- |'.repeat(columns.length)}`;
}

function escapeLineStart(line: string): string {
  // Only '-', '+', '=' or a digit can open a block.
  const first = line.charCodeAt(0);
  if (first !== 45 && first !== 43 && first !== 61 && !(first >= 48 && first <= 57)) return line;
  const match = BLOCK_START.exec(line);
  if (match === null) return line;
  const marker = match[0];
  // Numbers are escaped at the "." / ")" that follows them; single markers are escaped themselves.
  return /\d/.test(marker) ? `${marker}\\${line.slice(marker.length)}` : `\\${line}`;
}
