// Bolt runs the matchers of every listener for every request: each listener is its own async middleware chain
// with its own copy of the arguments, so seventeen `app.action(id, …)` listeners cost seventeen chains on every
// click, command and event alike, all before the ack. Registered through the app this returns, block actions
// and view submissions reach Bolt as one listener each, which finds its handlers by id in a map; everything
// else (commands, events, shortcuts, the client) is the real app's.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
type Handler<A> = (args: A) => Promise<unknown>;

function table<A>(idOf: (args: A) => string | undefined) {
  const handlers = new Map<string, Handler<A>[]>();
  return {
    add(id: string, handler: Handler<A>) {
      handlers.set(id, [...(handlers.get(id) ?? []), handler]);
    },
    // As Bolt does with several matching listeners: all run, and the first failure is what it reports.
    async dispatch(args: A) {
      const id = idOf(args);
      const matching = id === undefined ? undefined : handlers.get(id);
      if (matching) await Promise.all(matching.map((handler) => handler(args)));
    },
  };
}

export function routeById(app: App): App {
  const actions = table<ActionArgs>((args) => args.action.action_id);
  const views = table<ViewArgs>((args) => args.view.callback_id);
  app.action<BlockAction>({ type: 'block_actions' }, (args) => actions.dispatch(args));
  app.view({ type: 'view_submission' }, (args) => views.dispatch(args));
  // Everything but these two methods is the app itself (its prototype), so listeners see no difference.
  const routed = Object.create(app) as App;
  Object.assign(routed, {
    action: (actionId: unknown, handler: Handler<ActionArgs>) => {
      if (typeof actionId !== 'string') throw new Error('routeById: register block actions by their action_id');
      actions.add(actionId, handler);
    },
    view: (callbackId: unknown, handler: Handler<ViewArgs>) => {
      if (typeof callbackId !== 'string') throw new Error('routeById: register view submissions by their callback_id');
      views.add(callbackId, handler);
    },
  });
  return routed;
}
