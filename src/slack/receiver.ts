// Bolt's HTTP receiver behind a lean front door. Bolt reads the whole body before it checks anything, only
// refuses stale timestamps, matches routes after normalising the path (`/./slack/events`), and crashes on a
// signed body that is not an object. Here: a path that is not spelled exactly as a route is 404; a Slack
// request needs a timestamp inside the window in both directions (checked before its body is read), a body
// within the limit, a valid signature and a Slack-shaped body. The checked body then goes straight to
// `app.processEvent` (klaxon's dispatch, listeners/dispatch-requests.ts) with Bolt's own ack: Bolt's receiver
// would buffer, verify (three HMACs) and parse the same bytes a second time, and that repeat is most of what
// the ack path spends beyond the framework's floor. The replay claim starts here (`signed`), so its round trip
// to Redis runs while the dispatch works on the request.
// Bolt's receiver still serves the custom routes and owns the server (start, stop, limits).
import { HTTPModuleFunctions, HTTPReceiver, HTTPResponseAck, type App, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventStillHandled } from './answer-events-when-handled.js';
import { appRateLimitedMinute, parseSlackBody } from './slack-body.js';
import { hasSlackSignature } from './verify-signature.js';

/** Slack's rule: a request is accepted only while its timestamp is this close to the clock, either way. */
export const SIGNATURE_WINDOW_S = 300;
export const SLACK_EVENTS_PATH = '/slack/events';
// Slack interactions are small; a megabyte is generous and keeps large unsigned bodies out.
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  readonly signingSecret: string;
  /** Told of every signed Slack body before Bolt sees it (the replay claim starts here). */
  readonly signed?: (body: Record<string, unknown>) => void;
  readonly routes: readonly CustomRoute[];
  readonly logger: BoltLogger;
  /** @pure false — the clock used for the timestamp checks. */
  readonly now: () => number;
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** A request whose signature timestamp is too far ahead can be replayed later: refuse it like Slack's own rule. */
export function isFutureTimestamp(value: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(header(value));
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + SIGNATURE_WINDOW_S;
}

/** Missing, malformed, stale or future: whether the timestamp header alone already refuses the request. */
export function isOutsideWindow(value: string | string[] | undefined, nowMs: number): boolean {
  const text = header(value);
  if (text === undefined || !/^\d{1,12}$/.test(text)) return true;
  return Math.abs(Number(text) - Math.floor(nowMs / 1000)) > SIGNATURE_WINDOW_S;
}

/**
 * Slack gives up on an answer this long after it sent the request (Bolt's own no-ack timer is 3001 ms). Counted
 * here from the request's arrival, so the time its body took to come in is not given twice.
 */
export const SLACK_ANSWER_MS = 3_001;

/** The path exactly as the client sent it (no query): what must equal a route, byte for byte. */
export const rawPath = (url: string | undefined): string => (url ?? '').split('?')[0] ?? '';

export function createReceiver(options: ReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    customRoutes: [...options.routes],
    logger: options.logger,
    processBeforeResponse: false,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
  });
  const known = new Set([SLACK_EVENTS_PATH, ...options.routes.map((route) => route.path)]);
  const dispatch = receiver.requestListener;
  const refuse = (res: ServerResponse, status: number, why?: string) => {
    if (why) options.logger.warn(`refused a Slack request: ${why}`);
    res.writeHead(status, { connection: 'close' }).end();
  };

  // Bolt hands itself to its receiver in its constructor: what the checked requests are given to.
  let app: App | undefined;
  const init = receiver.init.bind(receiver);
  receiver.init = (bolt: App) => {
    app = bolt;
    init(bolt);
  };

  // `arrivedAt`: when the request's head was read. The listeners' answer budgets count from it (context
  // `receivedAt`), as Slack's deadline does from its send, not from when the body was in and checked.
  async function slackRequest(req: IncomingMessage, res: ServerResponse, arrivedAt: number): Promise<void> {
    const timestamp = header(req.headers['x-slack-request-timestamp']);
    if (isOutsideWindow(timestamp, options.now())) return refuse(res, 401, 'timestamp missing or outside the window');
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, SLACK_BODY_LIMIT_BYTES);
    } catch (error) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
      return refuse(res, tooLarge ? 413 : 400, tooLarge ? 'body over the limit' : 'body not readable');
    }
    if (!hasSlackSignature(options.signingSecret, timestamp as string, header(req.headers['x-slack-signature']), buffered.rawBody)) return refuse(res, 401, 'bad signature');
    const body = parseSlackBody(buffered.rawBody.toString(), req.headers['content-type']);
    if (!body) return refuse(res, 400, 'signed, but not a Slack body');
    const limitedAt = appRateLimitedMinute(body);
    if (limitedAt !== undefined) {
      options.logger.warn(`Slack is dropping this app's events for the minute starting ${new Date(limitedAt * 1000).toISOString()} (app_rate_limited)`);
      return void res.writeHead(200).end();
    }
    if (!app) return dispatch(req, res);
    if (body['ssl_check'] === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (body['type'] === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
    // Bolt's ack: the listener's answer is the HTTP response; unanswered after 3 s, Bolt's 404 and log line.
    options.signed?.(body);
    const unhandledRequestTimeoutMillis = Math.max(1, SLACK_ANSWER_MS - (options.now() - arrivedAt));
    const ack = new HTTPResponseAck({ logger: options.logger, processBeforeResponse: false, httpRequest: buffered, httpRequestBody: body, httpResponse: res, unhandledRequestTimeoutMillis });
    try {
      await app.processEvent({
        body,
        ack: ack.bind(),
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
        customProperties: { receivedAt: arrivedAt },
      });
    } catch (error) {
      if (error instanceof EventStillHandled) {
        options.logger.info(error.message);
        ack.ack();
        return void res.writeHead(503).end();
      }
      // As Bolt's receiver: its error handler answers when nothing has been sent yet (a failed event: 500, and
      // Slack sends it again). An answer sent stops Bolt's no-ack timer, which would log a 404 it cannot send.
      await HTTPModuleFunctions.defaultProcessEventErrorHandler({ error: error as Error, logger: options.logger, request: req, response: res, storedResponse: undefined });
      if (res.headersSent) ack.ack();
    }
  }

  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = options.now();
    const path = rawPath(req.url);
    if (!known.has(path)) {
      req.resume();
      return void res.writeHead(404).end();
    }
    if (path !== SLACK_EVENTS_PATH || req.method !== 'POST') return dispatch(req, res);
    slackRequest(req, res, arrivedAt).catch((error: unknown) => {
      options.logger.error(`Slack request failed before dispatch: ${(error as Error).message}`);
      if (!res.headersSent) refuse(res, 500);
    });
  };
  return receiver;
}
