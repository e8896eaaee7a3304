// views.open / update / push: modals, with trigger ids that expire after ~3 s and work only once.
import { randomBytes } from 'node:crypto';
import { validateView } from '../../../slack/block-kit-limits.js';
import type { View } from '../emulator-types.js';
import { viewJson } from '../wire-format.js';
import { fail, stringArg, succeed, type MethodContext, type MethodHandler, type MethodResult } from './method-context.js';

export const VIEW_MAX_BYTES = 250 * 1024;
export const VIEW_STACK_MAX = 3;

function readView(context: MethodContext): { ok: true; view: Record<string, unknown> } | { ok: false; failure: MethodResult } {
  const view = context.args['view'];
  if (typeof view !== 'object' || view === null || Array.isArray(view)) return { ok: false, failure: fail('missing_argument') };
  if (Buffer.byteLength(JSON.stringify(view)) > VIEW_MAX_BYTES) return { ok: false, failure: fail('view_too_large') };
  const checked = validateView(view);
  if (!checked.ok) {
    const messages = checked.errors.map((e) => `${e.message} [json-pointer:/view${e.pointer}]`);
    return { ok: false, failure: fail('invalid_arguments', { errors: messages, response_metadata: { messages } }) };
  }
  return { ok: true, view: view as Record<string, unknown> };
}

const newHash = (): string => `${Date.now()}.${randomBytes(4).toString('hex')}`;

/** The views open for a user, root first (the modal stack). */
export const openStack = (views: readonly View[], rootViewId: string): View[] =>
  views.filter((v) => v.rootViewId === rootViewId && v.state === 'open');

function openOrPush(context: MethodContext, push: boolean): MethodResult {
  const trigger = context.state.exchangeTrigger(context.args['trigger_id']);
  if (!trigger.ok) return fail(trigger.error);
  const read = readView(context);
  if (!read.ok) return read.failure;
  const id = context.state.newId('V');
  let rootViewId = id;
  let previousViewId: string | undefined;
  if (push) {
    const top = context.state.views.filter((v) => v.userId === trigger.userId && v.state === 'open').at(-1);
    if (!top) return fail('not_found');
    if (openStack(context.state.views, top.rootViewId).length >= VIEW_STACK_MAX) return fail('push_limit_reached');
    rootViewId = top.rootViewId;
    previousViewId = top.id;
  }
  const view: View = {
    id,
    hash: newHash(),
    userId: trigger.userId,
    rootViewId,
    ...(previousViewId !== undefined ? { previousViewId } : {}),
    view: read.view,
    state: 'open',
  };
  context.state.views.push(view);
  context.state.emit({ kind: 'view', viewId: id, userId: trigger.userId });
  return succeed({ view: viewJson(view, context.state) });
}

const update: MethodHandler = (context) => {
  const viewId = stringArg(context.args, 'view_id');
  const externalId = stringArg(context.args, 'external_id');
  if (viewId === undefined && externalId === undefined) return fail('missing_argument');
  const view = context.state.views.find((v) => (viewId !== undefined ? v.id === viewId : v.view['external_id'] === externalId));
  if (!view) return fail('not_found');
  const hash = stringArg(context.args, 'hash');
  if (hash !== undefined && hash !== view.hash) return fail('hash_conflict');
  const read = readView(context);
  if (!read.ok) return read.failure;
  view.view = read.view;
  view.hash = newHash();
  context.state.emit({ kind: 'view', viewId: view.id, userId: view.userId });
  return succeed({ view: viewJson(view, context.state) });
};

/**
 * views.publish: a person's Home tab, replaced whole; `user_id` must be a person of the workspace and the view a
 * `home` one. A `hash` from an older publish answers hash_conflict, as in Slack.
 */
const publish: MethodHandler = (context) => {
  const userId = stringArg(context.args, 'user_id');
  if (userId === undefined) return fail('missing_argument');
  if (!context.state.user(userId)) return fail('user_not_found');
  const read = readView(context);
  if (!read.ok) return read.failure;
  if (read.view['type'] !== 'home') return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be a home view [json-pointer:/view/type]'] } });
  const existing = context.state.homes.find((v) => v.userId === userId);
  const hash = stringArg(context.args, 'hash');
  if (existing && hash !== undefined && hash !== existing.hash) return fail('hash_conflict');
  const id = existing?.id ?? context.state.newId('V');
  const home: View = { id, hash: newHash(), userId, rootViewId: id, view: read.view, state: 'open' };
  context.state.homes.splice(0, context.state.homes.length, ...context.state.homes.filter((v) => v.userId !== userId), home);
  context.state.emit({ kind: 'view', viewId: id, userId });
  return succeed({ view: viewJson(home, context.state) });
};

export const viewMethods: Readonly<Record<string, MethodHandler>> = {
  'views.publish': publish,
  'views.open': (context) => openOrPush(context, false),
  'views.push': (context) => openOrPush(context, true),
  'views.update': update,
};
