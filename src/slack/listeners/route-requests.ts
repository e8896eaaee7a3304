// Bolt runs the matchers of every listener for every request, and copies the arguments and adds an async frame
// for every middleware it chains: each `app.use`, `app.command`, `app.action`, `app.event` … costs that on
// every click, command and event alike, all before the ack (a profile of `/incident help` at 1,000/s: 75 KB of
// garbage per request with three middlewares and six listeners). Here a request passes one Bolt middleware:
// the steps every request takes (the replay guard, cleaning), run as plain calls inside `around` (counting,
// timing, tracking), then the handlers registered through the app this returns — commands, block actions, view
// submissions, events, message shortcuts — found by name in a map. Bolt's listener loop is left with nothing
// to run. A request nobody registered for goes on to that loop, and is left unacknowledged, as with no
// matching Bolt listener.
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type Handler = (args: never) => Promise<unknown>;
type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** What a request is routed by: its kind and the name Bolt's matchers would compare. */
function routeOf(args: Args): string | undefined {
  const body = args.body as { type?: unknown; command?: unknown; callback_id?: unknown; view?: { callback_id?: unknown }; actions?: { action_id?: unknown }[]; event?: { type?: unknown } };
  if (typeof body.command === 'string') return `command:${body.command}`;
  switch (body.type) {
    case 'block_actions':
      return `action:${String(body.actions?.[0]?.action_id)}`;
    case 'view_submission':
      return `view:${String(body.view?.callback_id)}`;
    case 'event_callback':
      return `event:${String(body.event?.type)}`;
    case 'message_action':
      return `shortcut:${String(body.callback_id)}`;
    default:
      return undefined;
  }
}

const nameOf = (kind: string, name: unknown): string => {
  if (typeof name !== 'string') throw new Error(`routeRequests: register each ${kind} by its name (an id, not a pattern)`);
  return `${kind}:${name}`;
};

export interface RequestSteps {
  /** Around the whole handling of a request, a listener's work after its ack included. */
  readonly around?: (args: Args, handle: () => Promise<void>) => Promise<void>;
  /** In order, before any handler: a step that answers false has dealt with the request, and nothing else runs. */
  readonly steps?: readonly ((args: Args) => boolean | Promise<boolean>)[];
}

export function routeRequests(app: App, { around = (_args, handle) => handle(), steps = [] }: RequestSteps = {}): App {
  const handlers = new Map<string, Handler[]>();
  const add = (route: string, handler: Handler) => handlers.set(route, [...(handlers.get(route) ?? []), handler]);
  app.use((args) =>
    around(args, async () => {
      for (const step of steps) if (!(await step(args))) return;
      const route = routeOf(args);
      const matching = route === undefined ? undefined : handlers.get(route);
      if (!matching) return args.next();
      // As Bolt does with several matching listeners: all run, and the first failure is what it reports.
      await Promise.all(matching.map((handler) => handler(args as never)));
    }),
  );
  // Everything but these methods is the app itself (its prototype), so listeners see no difference.
  const routed = Object.create(app) as App;
  Object.assign(routed, {
    command: (name: unknown, handler: (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => Promise<unknown>) => add(nameOf('command', name), handler),
    action: (actionId: unknown, handler: (args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => Promise<unknown>) => add(nameOf('action', actionId), handler),
    view: (callbackId: unknown, handler: (args: SlackViewMiddlewareArgs & AllMiddlewareArgs) => Promise<unknown>) => add(nameOf('view', callbackId), handler),
    event: (type: unknown, handler: (args: SlackEventMiddlewareArgs & AllMiddlewareArgs) => Promise<unknown>) => add(nameOf('event', type), handler),
    shortcut: (constraints: { callback_id?: unknown; type?: unknown }, handler: (args: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => Promise<unknown>) => {
      if (constraints.type !== 'message_action') throw new Error('routeRequests: register message shortcuts with type message_action');
      add(nameOf('shortcut', constraints.callback_id), handler);
    },
  });
  return routed;
}
