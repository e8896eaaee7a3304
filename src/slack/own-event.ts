// What Bolt's default `ignoreSelf` middleware drops, decided as a plain step of klaxon's one middleware: an
// Events API event the app caused itself (its own bot message, or an event whose user is the app's bot user).
// Bolt's middleware chain copies a request's arguments into a new object for every middleware it runs, and on
// Node 20 (V8 11.3) an object spread with keys added after it gets a hidden class of its own every time, made in
// the old generation: each middleware cost every request about a kilobyte that only a full collection frees.

// Bolt keeps these even when the bot user is the one who joined or left: they still tell the app something.
const KEPT = new Set(['member_joined_channel', 'member_left_channel']);

export interface BotIdentity {
  readonly botId?: unknown;
  readonly botUserId?: unknown;
}

/** True for an Events API event that the app itself caused, which no listener should see (as with Bolt's ignoreSelf). */
export function isOwnEvent(body: unknown, bot: BotIdentity): boolean {
  const event = (body as { event?: unknown } | undefined)?.event;
  if (typeof event !== 'object' || event === null) return false;
  const fields = event as { type?: unknown; subtype?: unknown; bot_id?: unknown; user?: unknown };
  if (fields.type === 'message' && fields.subtype === 'bot_message' && fields.bot_id === bot.botId) return true;
  return bot.botUserId !== undefined && 'user' in fields && fields.user === bot.botUserId && !KEPT.has(String(fields.type));
}
