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

export const viewMethods: Readonly<Record<string, MethodHandler>> = {
  'views.open': (context) => openOrPush(context, false),
  'views.push': (context) => openOrPush(context, true),
  'views.update': update,
};
