// pins.add, reactions.add and reactions.get: marks people and the bot put on a message.
import { messageJson } from '../wire-format.js';
import { findChannel } from './channel-guard.js';
import { fail, stringArg, succeed, type MethodContext, type MethodHandler } from './method-context.js';

function targetMessage(context: MethodContext, tsKey: string) {
  const found = findChannel(context);
  if (!found.ok) return found;
  const ts = stringArg(context.args, tsKey);
  if (ts === undefined) return { ok: false as const, failure: fail('no_item_specified') };
  const message = context.state.message(found.channel.id, ts);
  if (!message) return { ok: false as const, failure: fail('message_not_found') };
  return { ok: true as const, channel: found.channel, message };
}

const pinsAdd: MethodHandler = (context) => {
  const target = targetMessage(context, 'timestamp');
  if (!target.ok) return target.failure;
  if (target.channel.isArchived) return fail('is_archived');
  if (target.channel.pins.includes(target.message.ts)) return fail('already_pinned');
  target.channel.pins.push(target.message.ts);
  context.state.emit({ kind: 'message', channel: target.channel.id });
  return succeed();
};

const reactionsAdd: MethodHandler = (context) => {
  const target = targetMessage(context, 'timestamp');
  if (!target.ok) return target.failure;
  const name = stringArg(context.args, 'name')?.replace(/^:|:$/g, '');
  if (name === undefined || !/^[a-z0-9_+'-]+$/.test(name)) return fail('invalid_name');
  const result = addReaction(target.message.reactions, name, context.state.bot.userId);
  if (!result) return fail('already_reacted');
  context.state.emit({ kind: 'message', channel: target.channel.id });
  return succeed();
};

const reactionsGet: MethodHandler = (context) => {
  const target = targetMessage(context, 'timestamp');
  if (!target.ok) return target.failure;
  return succeed({ type: 'message', channel: target.channel.id, message: messageJson(target.message) });
};

/** Adds `user`'s reaction `name`; false when that user already reacted with it. */
export function addReaction(reactions: { readonly name: string; users: string[] }[], name: string, user: string): boolean {
  const existing = reactions.find((r) => r.name === name);
  if (existing?.users.includes(user)) return false;
  if (existing) existing.users.push(user);
  else reactions.push({ name, users: [user] });
  return true;
}

export const pinAndReactionMethods: Readonly<Record<string, MethodHandler>> = {
  'pins.add': pinsAdd,
  'reactions.add': reactionsAdd,
  'reactions.get': reactionsGet,
};
