import { textParts, type TextPart } from '../domain/text.js';

// Slack mrkdwn is not Markdown: user text is escaped and cut here so it can neither ping a whole channel,
// break our layout, nor push a field past a Block Kit limit.

const ELLIPSIS = '…';
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const BROADCAST = /@(channel|here|everyone)\b/gi;
const FENCE = /`{3,}/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);
const blankTo = (text: string): string => (text.trim() === '' ? '—' : text);
const neutraliseBroadcasts = (text: string): string => text.replace(BROADCAST, '@\u2060$1');
const breakFences = (text: string): string => text.replace(FENCE, (run) => run.split('').join('\u200b'));
const escapeUnit = (unit: string): string => unit.replace(/[&<>]/g, (ch) => ENTITIES[ch] ?? ch);

// Keeps whole escaped units (an entity or an emoji is never cut) until `max` is reached, then adds `…`.
// `whole` is the units joined: text that fits is never split into units (most of it: every message is redrawn
// with each change, and a grapheme split of every label allocated more than anything else a redraw does).
function fitUnits(whole: string, unitsOf: () => readonly string[], max: number, from: 'head' | 'tail'): string {
  if (whole.length <= max) return whole;
  const units = unitsOf();
  const kept: string[] = [];
  let used = ELLIPSIS.length;
  const ordered = from === 'head' ? units : [...units].reverse();
  for (const unit of ordered) {
    if (used + unit.length > max) break;
    kept.push(unit);
    used += unit.length;
  }
  return from === 'head' ? kept.join('') + ELLIPSIS : ELLIPSIS + kept.reverse().join('');
}

// Slices a huge input down before grapheme segmentation, which is linear but not free.
function window(text: string, max: number, from: 'head' | 'tail'): string {
  const margin = max * 6 + 16;
  if (text.length <= margin) return text;
  return from === 'head' ? text.slice(0, margin) : text.slice(text.length - margin);
}

// Escapes user text for mrkdwn: &, <, > become entities (so `<!channel>` and `<@U…>` stay literal) and bare
// @channel/@here/@everyone get a word joiner so no client turns them into a broadcast.
export function escapeMrkdwn(text: string): string {
  return escapeUnit(neutraliseBroadcasts(text));
}

export interface MrkdwnOptions {
  /** Keep `<@U…>` in people's text (updates, notes) as live mentions; everything else is escaped all the same. */
  readonly mentions?: boolean;
}

// The text, and the mentions kept live in it: a kept mention is one unit, never cut in half.
const partsOf = (text: string, options: MrkdwnOptions): readonly TextPart[] => (options.mentions === true ? textParts(text) : [{ kind: 'text', text }]);

// Escaped text cut to `max` like fitUnits, its units (graphemes, or a kept mention) made only if it must be cut.
function fitEscaped(text: string, options: MrkdwnOptions, max: number, from: 'head' | 'tail'): string {
  const parts = partsOf(text, options);
  const whole = parts.map((part) => (part.kind === 'mention' ? `<@${part.user}>` : escapeUnit(part.text))).join('');
  return fitUnits(whole, () => parts.flatMap((part) => (part.kind === 'mention' ? [`<@${part.user}>`] : graphemes(part.text).map(escapeUnit))), max, from);
}

// Escaped user text that fits in `max` characters, with an ellipsis when cut; blank text becomes a dash.
// ``` runs are broken up: a cut (or a prankster) must never leave a code block open over our own text.
export function fitMrkdwn(text: string, max: number, options: MrkdwnOptions = {}): string {
  const raw = window(breakFences(neutraliseBroadcasts(blankTo(text))), max, 'head');
  return fitEscaped(raw, options, max, 'head');
}

// Like fitMrkdwn for text shown inside one of our own lines: newlines fold to spaces and ``` cannot open a block.
export function inlineMrkdwn(text: string, max: number, options: MrkdwnOptions = {}): string {
  return fitMrkdwn(text.replace(/\s*[\r\n]+\s*/g, ' '), max, options);
}

// plain_text fields (headers, buttons, options, modal titles) need no escaping, only the limit and non-blank text.
export function fitPlain(text: string, max: number, options: { readonly singleLine?: boolean } = {}): string {
  const flat = options.singleLine ? text.replace(/\s*[\r\n]+\s*/g, ' ') : text;
  const raw = window(blankTo(flat), max, 'head');
  return fitUnits(raw, () => graphemes(raw), max, 'head');
}

// Command output as a ``` block of at most `max` characters: escaped, with ``` runs inside broken up so the
// fence always closes; `tail` keeps the end (where errors usually are).
export function codeBlock(text: string, max: number, from: 'head' | 'tail' = 'head'): string {
  const open = '```\n';
  const close = '\n```';
  const budget = max - open.length - close.length;
  const body = neutraliseBroadcasts(breakFences(window(text, budget, from).replace(/\n+$/, '')));
  const fitted = fitEscaped(body, {}, budget, from);
  return `${open}${fitted === '' ? ' ' : fitted}${close}`;
}

// A policy reference (a person or a user group) as a mention.
export const refText = (ref: { readonly user: string } | { readonly usergroup: string }): string => userRef('user' in ref ? ref.user : ref.usergroup);

// A person, a user group, or an automatic actor (`klaxon`, `alert:<source>`) as mrkdwn.
export function userRef(id: string): string {
  if (/^[UW][A-Z0-9]{2,40}$/.test(id)) return `<@${id}>`;
  if (/^S[A-Z0-9]{2,40}$/.test(id)) return `<!subteam^${id}>`;
  return inlineMrkdwn(id, 64);
}

// User text as `inline code`: backticks inside become ˋ so they can neither close the span nor form a fence.
export function inlineCode(text: string, max: number): string {
  return `\`${inlineMrkdwn(text.replace(/`/g, 'ˋ'), max)}\``;
}

// A host name (a worker's WORKER_HOST, or an incident's host as an alert named it) as code.
export const hostCode = (host: string): string => inlineCode(host, 64);
