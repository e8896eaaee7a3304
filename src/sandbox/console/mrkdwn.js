// @ts-check
// Slack mrkdwn → safe HTML. Everything is HTML-escaped first; only the markup below is produced.

/** @typedef {import('./console-types').Lookup} Lookup */

/** @type {Readonly<Record<string, string>>} */
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and attribute values.
 * @param {unknown} text
 * @returns {string}
 */
export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * Slack sends &, < and > as entities inside text; turn them back before escaping for HTML.
 * @param {string} text
 */
const decodeSlack = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** @type {Readonly<Record<string, string>>} */
const EMOJI = {
  pushpin: '📌', white_check_mark: '✅', eyes: '👀', rotating_light: '🚨', warning: '⚠️', fire: '🔥', red_circle: '🔴',
  large_orange_circle: '🟠', large_yellow_circle: '🟡', large_blue_circle: '🔵', hourglass: '⌛', heavy_check_mark: '✔️',
  x: '❌', wave: '👋', memo: '📝', bell: '🔔', arrow_up: '⬆️', clock3: '🕒', lock: '🔒', package: '📦',
  white_large_square: '⬜', large_green_circle: '🟢', alarm_clock: '⏰', arrow_double_up: '⏫', arrow_forward: '▶️',
  gear: '⚙️', hourglass_flowing_sand: '⏳', information_source: 'ℹ️', no_entry: '⛔', no_entry_sign: '🚫',
  raised_hand: '✋', repeat: '🔁', arrows_counterclockwise: '🔄', new: '🆕', white_circle: '⚪', grey_question: '❔',
  wrench: '🔧',
};
/**
 * `:pushpin:` → 📌 for the common shortcodes; unknown ones stay as typed.
 * @param {string} name
 */
export const emojify = (name) => EMOJI[name] ?? `:${name}:`;

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/**
 * @param {number} epochSeconds
 * @param {string} format
 * @returns {string | null}
 */
function formatDate(epochSeconds, format) {
  const d = new Date(epochSeconds * 1000);
  if (Number.isNaN(d.getTime())) return null;
  /** @type {Readonly<Record<string, string>>} */
  const parts = {
    date_num: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    date: d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' }),
    date_short: d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
    date_long: d.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    date_pretty: d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' }),
    date_short_pretty: d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
    date_long_pretty: d.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
    time_secs: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
  };
  return format.replace(/\{(\w+)\}/g, (/** @type {string} */ whole, /** @type {string} */ key) => parts[key] ?? whole);
}

const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * One `<…>` token: links, mentions, channel references, special mentions and dates.
 * @param {string} inner
 * @param {Lookup} lookup
 * @returns {string}
 */
function renderToken(inner, lookup) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(label ?? lookup.userName(id) ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention channel-ref">#${escapeHtml(label ?? lookup.channelName(id) ?? id)}</span>`;
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    return `<span class="mention">@${escapeHtml(label ?? lookup.groupHandle(id) ?? id)}</span>`;
  }
  if (target.startsWith('!date^')) {
    const [, epoch, format = '{date_short} {time}'] = target.split('^');
    const formatted = formatDate(Number(epoch), format);
    return `<time class="date" title="${escapeHtml(label ?? '')}">${escapeHtml(formatted ?? label ?? '')}</time>`;
  }
  if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(label ?? target.slice(1))}</span>`;
  const url = decodeSlack(target);
  if (!SAFE_URL.test(url)) return escapeHtml(label ?? url);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(decodeSlack(label ?? url))}</a>`;
}

/**
 * @param {string} text
 * @param {string} separator
 * @returns {[string, string | undefined]}
 */
function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Renders Slack mrkdwn: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, <url|text>, <@U…>,
 * <#C…>, <!subteam^S…>, <!date^…|fallback>. `lookup` names users, channels and groups.
 * @param {unknown} source
 * @param {Lookup} [lookup]
 * @returns {string}
 */
/* eslint-disable no-control-regex -- \u0001 brackets placeholders for HTML this function already rendered; it is stripped from the input first. */
export function renderMrkdwn(source, lookup = { userName: () => null, channelName: () => null, groupHandle: () => null }) {
  /** @type {string[]} */
  const held = [];
  /** @param {string} html */
  const hold = (html) => `\u0001${held.push(html) - 1}\u0001`;
  let text = String(source ?? '').replace(/[\u0001]/g, '');
  text = text.replace(/```([\s\S]*?)```/g, (_, code) => hold(`<pre class="code-block">${escapeHtml(decodeSlack(code.replace(/^\n/, '')))}</pre>`));
  text = text.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${escapeHtml(decodeSlack(code))}</code>`));
  text = text.replace(/<([^<>\n]+)>/g, (_, inner) => hold(renderToken(inner, lookup)));
  text = escapeHtml(decodeSlack(text));
  text = text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
  text = text.replace(/(^|[\s(\u0001>])\*(?!\s)([^*\n]+?)\*(?=$|[\s).,:;!?\u0001<])/g, '$1<strong>$2</strong>');
  text = text.replace(/(^|[\s(\u0001>])_(?!\s)([^_\n]+?)_(?=$|[\s).,:;!?\u0001<])/g, '$1<em>$2</em>');
  text = text.replace(/(^|[\s(\u0001>])~(?!\s)([^~\n]+?)~(?=$|[\s).,:;!?\u0001<])/g, '$1<del>$2</del>');
  text = text
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') ? `<blockquote>${line.slice(5)}</blockquote>` : line))
    .join('\n')
    .replace(/\n/g, '<br>')
    .replace(/<\/blockquote><br>/g, '</blockquote>');
  return text.replace(/\u0001(\d+)\u0001/g, (_, index) => held[Number(index)] ?? '');
}
/* eslint-enable no-control-regex */
