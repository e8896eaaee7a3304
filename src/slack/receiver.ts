// Bolt's HTTP receiver behind a front door. Bolt reads the whole body before it checks anything, only refuses
// stale timestamps, matches routes after normalising the path (`/./slack/events`), and crashes on a signed
// body that is not an object. Here, before Bolt: a path that is not spelled exactly as a route is 404; a
// Slack request needs a timestamp inside the window in both directions (checked before its body is read), a
// body within the limit, a valid signature and a Slack-shaped body. Bolt then re-checks the same bytes.
import { HTTPModuleFunctions, HTTPReceiver, verifySlackRequest, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRateLimitedMinute, isSlackBody } from './slack-body.js';

/** Slack's rule: a request is accepted only while its timestamp is this close to the clock, either way. */
export const SIGNATURE_WINDOW_S = 300;
export const SLACK_EVENTS_PATH = '/slack/events';
// Slack interactions are small; a megabyte is generous and keeps large unsigned bodies out.
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  readonly signingSecret: string;
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

  async function slackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (isOutsideWindow(req.headers['x-slack-request-timestamp'], options.now())) return refuse(res, 401, 'timestamp missing or outside the window');
    let body: string;
    try {
      // Buffered as Bolt buffers it (it reads `rawBody` instead of the consumed stream afterwards).
      body = (await HTTPModuleFunctions.bufferIncomingMessage(req, SLACK_BODY_LIMIT_BYTES)).rawBody.toString();
    } catch (error) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
      return refuse(res, tooLarge ? 413 : 400, tooLarge ? 'body over the limit' : 'body not readable');
    }
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body,
        headers: {
          'x-slack-signature': header(req.headers['x-slack-signature']) ?? '',
          'x-slack-request-timestamp': Number(header(req.headers['x-slack-request-timestamp'])),
        },
        nowMilliseconds: options.now(),
      });
    } catch {
      return refuse(res, 401, 'bad signature');
    }
    if (!isSlackBody(body, req.headers['content-type'])) return refuse(res, 400, 'signed, but not a Slack body');
    const limitedAt = appRateLimitedMinute(body, req.headers['content-type']);
    if (limitedAt !== undefined) {
      options.logger.warn(`Slack is dropping this app's events for the minute starting ${new Date(limitedAt * 1000).toISOString()} (app_rate_limited)`);
      return void res.writeHead(200).end();
    }
    dispatch(req, res);
  }

  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const path = rawPath(req.url);
    if (!known.has(path)) {
      req.resume();
      return void res.writeHead(404).end();
    }
    if (path !== SLACK_EVENTS_PATH || req.method !== 'POST') return dispatch(req, res);
    slackRequest(req, res).catch((error: unknown) => {
      options.logger.error(`Slack request failed before dispatch: ${(error as Error).message}`);
      if (!res.headersSent) refuse(res, 500);
    });
  };
  return receiver;
}
