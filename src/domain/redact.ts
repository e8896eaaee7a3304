// Secret redaction for command output: applied to the stream before it is capped, digested or sent
// anywhere, line by line so a secret split across chunks is still caught.

const REDACTED = '[REDACTED]';
const PEM_ONE_LINE = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/;
const PEM_MARKER = '[REDACTED PRIVATE KEY]';

// Patterns never cross a newline (no \s), so a block of whole lines can be redacted in one pass.
const RULES: readonly (readonly [RegExp, (match: string, ...groups: string[]) => string])[] = [
  [PEM_ONE_LINE, () => PEM_MARKER],
  [/\b(xox[a-z]-)[A-Za-z0-9-]+/g, (_m, prefix) => `${prefix}${REDACTED}`],
  [/\b(https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/gi, (_m, prefix) => `${prefix}${REDACTED}`],
  [/\b(gh[pousr]_)[A-Za-z0-9]{30,}/g, (_m, prefix) => `${prefix}${REDACTED}`],
  [/\b(github_pat_)[A-Za-z0-9_]{30,}/g, (_m, prefix) => `${prefix}${REDACTED}`],
  [/\b(sk-(?:proj-|ant-|live-|test-)?)[A-Za-z0-9_-]{20,}/g, (_m, prefix) => `${prefix}${REDACTED}`],
  [/\b([rs]k_(?:live|test)_)[A-Za-z0-9]{16,}/g, (_m, prefix) => `${prefix}${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, () => `[REDACTED JWT]`],
  [/\b(xapp-)[A-Za-z0-9-]+/g, (_m, prefix) => `${prefix}${REDACTED}`],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, () => `AKIA${REDACTED}`],
  [
    /\b(authorization["']?[ \t]*[:=][ \t]*["']?)((?:bearer|basic|token)[ \t]+)?[^ \t\n"',;]+/gi,
    (_m, head, scheme) => `${head}${scheme ?? ''}${REDACTED}`,
  ],
  [/\b(bearer[ \t]+)[A-Za-z0-9._~+/=-]{8,}/gi, (_m, head) => `${head}${REDACTED}`],
  [
    /((?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key)[A-Za-z0-9_]*["']?[ \t]*[:=][ \t]*)("[^"\n]*"|'[^'\n]*'|[^ \t\n,;&"'}]+)/gi,
    (_m, head) => `${head}${REDACTED}`,
  ],
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi, (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`],
  // Query parameters that carry a credential (presigned URLs, webhook tokens); the key=value rule above
  // already took `token=`, `password=` and the like.
  [/([?&][A-Za-z0-9_.-]*(?:sig|signature|credential|auth|key|code)[A-Za-z0-9_.-]*=)[^&#\s"'<>]+/gi, (_m, head) => `${head}${REDACTED}`],
];

const redactFlat = (text: string): string =>
  RULES.reduce((acc, [pattern, replace]) => acc.replace(pattern, replace as (m: string) => string), text);

// Lines longer than this are cut (at whitespace when possible) so one endless line cannot grow memory.
const MAX_CARRY = 64 * 1024;
const CUT_WINDOW = 4096;

export interface Redactor {
  /** Feeds decoded text; returns the redacted text of every line completed so far. */
  push(text: string): string;
  /** Ends the stream; returns the redacted rest. An unterminated private key block stays hidden. */
  flush(): string;
}

// A streaming redactor: keeps the unfinished line and whether it is inside a private key block.
export function createRedactor(): Redactor {
  let carry = '';
  let inPem = false;

  const redactLines = (block: string): string => {
    if (!inPem && !PEM_BEGIN.test(block)) return redactFlat(block);
    let out = '';
    for (const line of block.split(/(?<=\n)/)) {
      if (inPem) {
        const end = PEM_END.exec(line);
        if (!end) continue;
        inPem = false;
        const rest = line.slice(end.index + end[0].length);
        if (rest.trim() !== '') out += redactLines(rest);
        continue;
      }
      const flat = redactFlat(line);
      const begin = PEM_BEGIN.exec(flat);
      if (!begin) {
        out += flat;
        continue;
      }
      inPem = true;
      out += `${flat.slice(0, begin.index)}${PEM_MARKER}\n`;
    }
    return out;
  };

  return {
    push(text) {
      carry += text;
      const lastNewline = carry.lastIndexOf('\n');
      let complete = '';
      if (lastNewline >= 0) {
        complete = carry.slice(0, lastNewline + 1);
        carry = carry.slice(lastNewline + 1);
      }
      while (carry.length > MAX_CARRY) {
        const window = carry.slice(MAX_CARRY - CUT_WINDOW, MAX_CARRY);
        const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
        const cut = space >= 0 ? MAX_CARRY - CUT_WINDOW + space + 1 : MAX_CARRY;
        complete += carry.slice(0, cut);
        carry = carry.slice(cut);
      }
      return complete === '' ? '' : redactLines(complete);
    },
    flush() {
      const rest = carry;
      carry = '';
      const out = rest === '' ? '' : redactLines(rest);
      return out;
    },
  };
}

/**
 * Redacts a whole text at once (for strings that are not streams, e.g. error messages).
 * @example redact('token=abc123') //=> 'token=[REDACTED]'
 */
export function redact(text: string): string {
  const redactor = createRedactor();
  return redactor.push(text) + redactor.flush();
}
