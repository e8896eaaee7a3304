// Text people and alert senders type ends up in channel names, headers, the timeline and the report. Control
// characters (NUL, escape sequences, C1) and bidirectional overrides (which make "exe.txt" read as
// "txt.exe" and hide what a line really says) are removed on the way in; tabs and line breaks stay.

// C0 controls but \t and \n, DEL, C1 controls; bidi embeddings, overrides, isolates and marks; line/paragraph
// separators (invisible line breaks in some renderers); the byte-order mark.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** True when `cleanText` would remove something. */
export const containsUnsafe = (text: string): boolean => new RegExp(UNSAFE.source).test(text);

/**
 * Removes control characters and bidi controls; a lone CR becomes a line break.
 * @example cleanText('deploy\u202Efdp.exe\u0000') //=> 'deployfdp.exe'
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}
