// klaxon's own dispatch of Slack requests, in place of Bolt's `processEvent`. On Node 20 (V8 11.3) an object made
// by spreading another and adding a key gets a hidden class of its own, kept in the old generation: Bolt's
// `processEvent` makes seven a request (its context, each middleware's arguments), and at 1,000 requests/s the
// full collections they bring set the ack's p99 (docs/performance.md, twenty-first pass). Here a request's
// context and its arguments are each one object literal of one shape, and a request takes one path: the steps
// every request takes (own events dropped, the replay guard, cleaning), run as plain calls inside `around`
// (counting, timing, tracking), then the handlers registered by name.
//
// What Bolt's `processEvent` does that klaxon relies on is done as Bolt does it, with Bolt's own parts: its
// authorization (the auth.test it made at start-up; a failure is reported and the request acknowledged), its
// `respond`, a WebClient per workspace, an event acknowledged before anything runs, the error handler's arguments,
// a body of no known type left alone with Bolt's warning, and a request nobody registered for left
// unacknowledged, as with no matching Bolt listener. What klaxon does not use (`say`, `payload`, `logger`, `next`,
// workflow functions, Bolt's listeners and middleware) is not offered.
import { AuthorizationError, asCodedError, type AckFn, type AnyMiddlewareArgs, type App, type AuthorizeResult, type BlockAction, type Context, type Logger, type MessageShortcut, type ReceiverEvent, type RespondFn, type SlackActionMiddlewareArgs, type SlackCommandMiddlewareArgs, type SlackEventMiddlewareArgs, type SlackShortcutMiddlewareArgs, type SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import { createRespond } from '@slack/bolt/dist/context/create-respond.js';
import { getTypeAndConversation, IncomingEventType, isBodyWithTypeEnterpriseInstall, isEventTypeToSkipAuthorize } from '@slack/bolt/dist/helpers.js';
import { WebClient, type WebClientOptions } from '@slack/web-api';

/** What a handler may read of a request's context: the bot's identity, the workspace, when the request came. */
export interface RequestContext extends Context {
  readonly botToken?: string;
  readonly botId?: string;
  readonly botUserId?: string;
  readonly teamId?: string;
  readonly isEnterpriseInstall: boolean;
  readonly retryNum?: number;
  readonly retryReason?: string;
  /** When the request arrived (the HTTP receiver's stamp, or when a Socket Mode envelope was handed over). */
  readonly receivedAt: number;
}

/** Every request's arguments, one shape whatever its kind: what does not apply is undefined. */
export interface RequestArgs {
  readonly body: Record<string, unknown>;
  readonly command: unknown;
  readonly action: unknown;
  readonly view: unknown;
  readonly event: unknown;
  readonly shortcut: unknown;
  /** Undefined for an event: it was acknowledged before anything ran. */
  readonly ack: AckFn<unknown> | undefined;
  readonly respond: RespondFn | undefined;
  readonly client: WebClient;
  readonly context: RequestContext;
}

interface Handled {
  readonly context: RequestContext;
  readonly client: WebClient;
}
export type CommandArgs = Pick<SlackCommandMiddlewareArgs, 'command' | 'body' | 'ack' | 'respond'> & Handled;
export type ActionArgs<A extends BlockAction = BlockAction> = Pick<SlackActionMiddlewareArgs<A>, 'action' | 'body' | 'ack' | 'respond'> & Handled;
export type ViewArgs = Pick<SlackViewMiddlewareArgs, 'view' | 'body' | 'ack'> & Handled;
export type EventArgs<T extends string> = Pick<SlackEventMiddlewareArgs<T>, 'event' | 'body'> & Handled;
export type ShortcutArgs = Pick<SlackShortcutMiddlewareArgs<MessageShortcut>, 'shortcut' | 'body' | 'ack' | 'respond'> & Handled;

/** Where the listeners register: by name only (an id, not a pattern), so a request finds its handlers in a map. */
export interface Listeners {
  command(name: string, handler: (args: CommandArgs) => Promise<unknown>): void;
  action<A extends BlockAction = BlockAction>(actionId: string, handler: (args: ActionArgs<A>) => Promise<unknown>): void;
  view(callbackId: string, handler: (args: ViewArgs) => Promise<unknown>): void;
  event<T extends string>(type: T, handler: (args: EventArgs<T>) => Promise<unknown>): void;
  shortcut(constraints: { readonly callback_id: string; readonly type: 'message_action' }, handler: (args: ShortcutArgs) => Promise<unknown>): void;
}

export interface RequestSteps {
  /** Around the whole handling of a request, a handler's work after its ack included. */
  readonly around?: (args: RequestArgs, handle: () => Promise<void>) => Promise<void>;
  /** In order, before any handler: a step that answers false has dealt with the request, and nothing else runs. */
  readonly steps?: readonly ((args: RequestArgs) => boolean | Promise<boolean>)[];
  /** Told of every failure, as Bolt's extended error handler is; what it throws is the request's failure. */
  readonly onError: (args: ExtendedErrorHandlerArgs) => Promise<void>;
  /** @pure false — stamps a request that came without its arrival time. */
  readonly now: () => number;
}

type Handler = (args: never) => Promise<unknown>;
type Body = Record<string, unknown> & { team?: { id?: string } | null; user?: { team_id?: string }; view?: { app_installed_team_id?: string } };

/** What a request is routed by: its kind and the name Bolt's matchers would compare. */
function routeOf(type: IncomingEventType, body: Record<string, unknown>): string | undefined {
  const fields = body as { type?: unknown; command?: unknown; callback_id?: unknown; view?: { callback_id?: unknown }; actions?: { action_id?: unknown }[]; event?: { type?: unknown } };
  switch (type) {
    case IncomingEventType.Command:
      return `command:${String(fields.command)}`;
    case IncomingEventType.Action:
      return fields.type === 'block_actions' ? `action:${String(fields.actions?.[0]?.action_id)}` : undefined;
    case IncomingEventType.ViewAction:
      return fields.type === 'view_submission' ? `view:${String(fields.view?.callback_id)}` : undefined;
    case IncomingEventType.Event:
      return `event:${String(fields.event?.type)}`;
    case IncomingEventType.Shortcut:
      return fields.type === 'message_action' ? `shortcut:${String(fields.callback_id)}` : undefined;
    default:
      return undefined;
  }
}

/** The workspace a request came from, by the fields Bolt reads for it (its client per workspace is keyed by it). */
function teamOf(type: IncomingEventType, body: Body): string | undefined {
  if (type === IncomingEventType.Event) {
    const first = (body['authorizations'] as { team_id?: string | null }[] | undefined)?.[0];
    return first?.team_id ?? (body['team_id'] as string | undefined);
  }
  if (type === IncomingEventType.Command) return body['team_id'] as string | undefined;
  if (type === IncomingEventType.ViewAction && body.view?.app_installed_team_id) return body.view.app_installed_team_id;
  // An org-wide installation sends `team: null`.
  return body.team ? body.team.id : body.user?.team_id;
}

const nameOf = (kind: string, name: unknown): string => {
  if (typeof name !== 'string') throw new Error(`dispatchRequests: register each ${kind} by its name (an id, not a pattern)`);
  return `${kind}:${name}`;
};

/** Bolt's own parts that its `processEvent` used: the same authorization, client options and fetch. */
interface BoltParts {
  readonly authorize: (source: { isEnterpriseInstall: boolean; teamId?: string }, body: unknown) => Promise<AuthorizeResult>;
  readonly clientOptions: WebClientOptions;
  readonly logger: Logger;
}
const boltPartsOf = (app: App): BoltParts => ({ authorize: app['authorize'], clientOptions: app['clientOptions'], logger: app.logger });

// Bolt's ways to register middleware and listeners: nothing registered through them would ever run.
const BOLT_REGISTRATIONS = ['use', 'command', 'action', 'view', 'event', 'shortcut', 'options', 'message', 'error', 'function', 'assistant'] as const satisfies readonly (keyof App)[];

/** Middleware Bolt already holds (its `ignoreSelf`, its conversation store) would be skipped: refuse, and close the ways in. */
function closeBoltRegistration(app: App): void {
  const held = app['middleware'].length + app['listeners'].length;
  if (held > 0) throw new Error(`dispatchRequests: the app holds ${held} Bolt middleware or listeners, which would never run (create it with ignoreSelf: false and convoStore: false)`);
  for (const method of BOLT_REGISTRATIONS) {
    Object.defineProperty(app, method, {
      value: () => {
        throw new Error(`app.${method}() would never run: register through dispatchRequests (src/slack/listeners/dispatch-requests.ts)`);
      },
    });
  }
}

/**
 * Makes `app.processEvent` klaxon's dispatch and returns where the listeners register. Wrappers of
 * `processEvent` (answer-events-when-handled.ts) go on after this.
 */
export function dispatchRequests(app: App, { around = (_args, handle) => handle(), steps = [], onError, now }: RequestSteps): Listeners {
  closeBoltRegistration(app);
  const handlers = new Map<string, Handler[]>();
  const add = (route: string, handler: Handler) => handlers.set(route, [...(handlers.get(route) ?? []), handler]);
  const bolt = boltPartsOf(app);
  const fetchFn = bolt.clientOptions.fetch ?? globalThis.fetch;
  // As Bolt: one client per workspace that knows its team (Slack then needs no team_id on each call).
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string | undefined, teamId: string | undefined): WebClient => {
    if (token === undefined || teamId === undefined) return app.client;
    const key = `${teamId}:${token}`;
    let client = clients.get(key);
    if (!client) clients.set(key, (client = new WebClient(token, { ...bolt.clientOptions, teamId })));
    return client;
  };

  async function processEvent(event: ReceiverEvent): Promise<void> {
    const body = event.body as Body;
    // The same object, as Bolt's helpers and error handler type it.
    const slackBody = event.body as AnyMiddlewareArgs['body'];
    const { type } = getTypeAndConversation(body);
    if (type === undefined) return bolt.logger.warn('Could not determine the type of an incoming event. No listeners will be called.');
    const isEnterpriseInstall = isBodyWithTypeEnterpriseInstall(slackBody, type);
    const teamId = teamOf(type, body);
    let authorized: Partial<AuthorizeResult>;
    try {
      // As Bolt: an app's uninstall or revoked tokens come with nothing to authorize.
      authorized = isEventTypeToSkipAuthorize(event) ? {} : await bolt.authorize(teamId === undefined ? { isEnterpriseInstall } : { isEnterpriseInstall, teamId }, body);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error), { cause: error });
      bolt.logger.warn('Authorization of incoming event did not succeed. No listeners will be called.');
      await onError({ error: new AuthorizationError(`Authorization of incoming event did not succeed. ${e.message}`, e), logger: bolt.logger, body: slackBody, context: { isEnterpriseInstall } });
      return event.ack();
    }
    const receivedAt = event.customProperties?.['receivedAt'];
    const context: RequestContext = {
      botToken: authorized.botToken,
      botId: authorized.botId,
      botUserId: authorized.botUserId,
      teamId: authorized.teamId ?? teamId,
      isEnterpriseInstall,
      retryNum: event.retryNum,
      retryReason: event.retryReason,
      receivedAt: typeof receivedAt === 'number' ? receivedAt : now(),
    };
    const isEvent = type === IncomingEventType.Event;
    const responseUrl = (body['response_url'] ?? (body['response_urls'] as { response_url?: string }[] | undefined)?.[0]?.response_url) as string | undefined;
    const args: RequestArgs = {
      body,
      command: type === IncomingEventType.Command ? body : undefined,
      action: type === IncomingEventType.Action ? ((body['actions'] as unknown[] | undefined)?.[0] ?? body) : undefined,
      view: type === IncomingEventType.ViewAction ? body.view : undefined,
      event: isEvent ? body['event'] : undefined,
      shortcut: type === IncomingEventType.Shortcut ? body : undefined,
      ack: isEvent ? undefined : event.ack,
      respond: responseUrl ? createRespond(fetchFn, responseUrl) : undefined,
      client: clientFor(context.botToken, context.teamId),
      context,
    };
    // Slack needs nothing back for an event: as Bolt, it is answered before anything runs.
    if (isEvent) await event.ack();
    try {
      await around(args, async () => {
        for (const step of steps) if (!(await step(args))) return;
        const route = routeOf(type, body);
        const matching = route === undefined ? undefined : handlers.get(route);
        if (!matching) return;
        // As Bolt does with several matching listeners: all run, and the first failure is what it reports.
        await Promise.all(matching.map((handler) => handler(args as never)));
      });
    } catch (error) {
      return onError({ error: asCodedError(error as Error), logger: bolt.logger, body: slackBody, context });
    }
  }
  app.processEvent = processEvent;

  return {
    command: (name, handler) => add(nameOf('command', name), handler as Handler),
    action: (actionId, handler) => add(nameOf('action', actionId), handler as Handler),
    view: (callbackId, handler) => add(nameOf('view', callbackId), handler as Handler),
    event: (type, handler) => add(nameOf('event', type), handler as Handler),
    shortcut: (constraints, handler) => {
      if (constraints.type !== 'message_action') throw new Error('dispatchRequests: register message shortcuts with type message_action');
      add(nameOf('shortcut', constraints.callback_id), handler as Handler);
    },
  };
}
