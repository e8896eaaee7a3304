// Secret redaction for command output: applied to the stream before it is capped, digested or sent
// anywhere, line by line so a secret split across chunks is still caught.

const REDACTED = '[REDACTED]';
const PEM_ONE_LINE = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/;
const PEM_MARKER = '[REDACTED PRIVATE KEY]';

// Patterns never cross a newline (no \s), so a block of whole lines can be redacted in one pass, and any
// run of whole lines on its own. Each pattern comes with a clue: text every line it matches contains, cheap to
// look for, so a long text (a 10,000-event report) only runs the patterns over the lines that hold a clue.
interface Rule {
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
  readonly clue: RegExp;
}

const RULES: readonly Rule[] = [
  { pattern: PEM_ONE_LINE, replace: () => PEM_MARKER, clue: /PRIVATE KEY-----/ },
  { pattern: /\b(xox[a-z]-)[A-Za-z0-9-]+/g, replace: (_m, prefix) => `${prefix}${REDACTED}`, clue: /xox[a-z]-/ },
  {
    pattern: /\b(https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/gi,
    replace: (_m, prefix) => `${prefix}${REDACTED}`,
    clue: /hooks\.slack\.com\//i,
  },
  { pattern: /\b(gh[pousr]_)[A-Za-z0-9]{30,}/g, replace: (_m, prefix) => `${prefix}${REDACTED}`, clue: /gh[pousr]_/ },
  { pattern: /\b(github_pat_)[A-Za-z0-9_]{30,}/g, replace: (_m, prefix) => `${prefix}${REDACTED}`, clue: /github_pat_/ },
  { pattern: /\b(sk-(?:proj-|ant-|live-|test-)?)[A-Za-z0-9_-]{20,}/g, replace: (_m, prefix) => `${prefix}${REDACTED}`, clue: /sk-/ },
  { pattern: /\b([rs]k_(?:live|test)_)[A-Za-z0-9]{16,}/g, replace: (_m, prefix) => `${prefix}${REDACTED}`, clue: /[rs]k_(?:live|test)_/ },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: () => `[REDACTED JWT]`, clue: /eyJ/ },
  { pattern: /\b(xapp-)[A-Za-z0-9-]+/g, replace: (_m, prefix) => `${prefix}${REDACTED}`, clue: /xapp-/ },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: () => `AKIA${REDACTED}`, clue: /A[KS]IA/ },
  {
    pattern: /\b(authorization["']?[ \t]*[:=][ \t]*["']?)((?:bearer|basic|token)[ \t]+)?[^ \t\n"',;]+/gi,
    replace: (_m, head, scheme) => `${head}${scheme ?? ''}${REDACTED}`,
    clue: /authorization/i,
  },
  { pattern: /\b(bearer[ \t]+)[A-Za-z0-9._~+/=-]{8,}/gi, replace: (_m, head) => `${head}${REDACTED}`, clue: /bearer/i },
  {
    pattern: /((?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key)[A-Za-z0-9_]*["']?[ \t]*[:=][ \t]*)("[^"\n]*"|'[^'\n]*'|[^ \t\n,;&"'}]+)/gi,
    replace: (_m, head) => `${head}${REDACTED}`,
    clue: /password|passwd|secret|token|api[_-]?key/i,
  },
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi, replace: (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`, clue: /:\/\// },
  // Query parameters that carry a credential (presigned URLs, webhook tokens); the key=value rule above
  // already took `token=`, `password=` and the like.
  {
    pattern: /([?&][A-Za-z0-9_.-]*(?:sig|signature|credential|auth|key|code)[A-Za-z0-9_.-]*=)[^&#\s"'<>]+/gi,
    replace: (_m, head) => `${head}${REDACTED}`,
    clue: /(?:sig|credential|auth|key|code)[A-Za-z0-9_.-]*=/i,
  },
];

// All clues in two scans (one per case sensitivity) instead of one per rule.
const clueScan = (ignoreCase: boolean): RegExp =>
  new RegExp(RULES.filter((rule) => rule.clue.ignoreCase === ignoreCase).map((rule) => `(?:${rule.clue.source})`).join('|'), ignoreCase ? 'gi' : 'g');
const CLUE_SCANS = [clueScan(false), clueScan(true)];

// Clean lines between two clue lines closer than this are redacted with them: fewer, longer runs.
const JOIN_GAP = 1024;

const redactRun = (text: string): string => RULES.reduce((acc, rule) => acc.replace(rule.pattern, rule.replace as (m: string) => string), text);

// The [start, end) runs of whole lines that hold a clue, in order, without the newline that ends each run.
function clueRuns(text: string): [number, number][] {
  const lines: [number, number][] = [];
  for (const scan of CLUE_SCANS) {
    scan.lastIndex = 0;
    for (let found = scan.exec(text); found !== null; found = scan.exec(text)) {
      const end = text.indexOf('\n', found.index);
      lines.push([text.lastIndexOf('\n', found.index) + 1, end < 0 ? text.length : end]);
      scan.lastIndex = end < 0 ? text.length : end;
    }
  }
  lines.sort((a, b) => a[0] - b[0]);
  const runs: [number, number][] = [];
  for (const line of lines) {
    const last = runs[runs.length - 1];
    if (last !== undefined && line[0] - last[1] <= JOIN_GAP) last[1] = Math.max(last[1], line[1]);
    else runs.push(line);
  }
  return runs;
}

const redactFlat = (text: string): string => {
  const runs = clueRuns(text);
  if (runs.length === 0) return text;
  let out = '';
  let done = 0;
  for (const [start, end] of runs) {
    out += text.slice(done, start) + redactRun(text.slice(start, end));
    done = end;
  }
  return out + text.slice(done);
};

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
