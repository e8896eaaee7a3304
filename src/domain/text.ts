// Text as people typed it. Slack hands us its own markup: `&`, `<`, `>` arrive as `&amp;`, `&lt;`, `&gt;`,
// and what the client turned into links arrives as `<…>` tokens. This is the one place that markup is read;
// what it returns is plain text in which the only markup left is a user mention `<@U…>`, so every surface
// escapes it exactly once and a mention in an update stays a mention.

// Slack's own three entities, decoded in one pass so `&amp;lt;` becomes `&lt;` (what was typed), not `<`.
const ENTITY = /&(amp|lt|gt);/g;
const DECODED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

// A raw `<…>` token Slack made (never something typed: typed brackets come as entities).
const TOKEN = /<([^<>]*)>/g;
const USER_ID = /^[UW][A-Z0-9]{2,40}$/;

/**
 * Decodes Slack's `&amp;`, `&lt;`, `&gt;` once.
 * @example decodeSlackEntities('DB &amp;amp; cache &lt;3') //=> 'DB &amp; cache <3'
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(ENTITY, (_, name: string) => DECODED[name] ?? _);
}

// One Slack token as plain text: a mention stays a mention, everything else becomes the words it showed.
function tokenText(body: string): string {
  const [target = '', label] = splitLabel(body);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return USER_ID.test(id) ? `<@${id}>` : label ?? target;
  }
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!subteam^')) return label ?? `@${target.slice('!subteam^'.length)}`;
  // `<!channel>`, `<!here>`, `<!everyone>`, `<!date^…|fallback>`: the words, never the broadcast.
  if (target.startsWith('!')) return label ?? `@${target.slice(1)}`;
  // A link: its label and where it pointed, so nothing hides behind a label.
  return label === undefined || label === target ? target : `${label} (${target})`;
}

function splitLabel(body: string): [string, string | undefined] {
  const bar = body.indexOf('|');
  return bar < 0 ? [body, undefined] : [body.slice(0, bar), body.slice(bar + 1)];
}

/**
 * Slash-command or message text from Slack as plain text: tokens become their words (user mentions stay
 * `<@U…>`), then entities are decoded once, so `&amp;lt;` stays the `&lt;` that was typed. A typed
 * `<@U…>` reads as a mention too: it names one person, as the autocomplete would have.
 * @example fromSlackText('ask <@U0L2SYS|suzuki> about &lt;db&gt; &amp; <https://x.example|this>') //=> 'ask <@U0L2SYS> about <db> & this (https://x.example)'
 */
export function fromSlackText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    out += decodeSlackEntities(text.slice(last, match.index)) + decodeSlackEntities(tokenText(match[1] ?? ''));
    last = match.index + match[0].length;
  }
  return out + decodeSlackEntities(text.slice(last));
}

export type TextPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'mention'; readonly user: string };

const MENTION = /<@([UW][A-Z0-9]{1,40})>/g;

/**
 * Plain text split into literal runs and user mentions, for renderers that escape the runs and keep the
 * mentions live.
 * @example textParts('ask <@U1AB> now') //=> [{ kind: 'text', text: 'ask ' }, { kind: 'mention', user: 'U1AB' }, { kind: 'text', text: ' now' }]
 */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'mention', user: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
