// Bolt's HTTP receiver, with two gaps closed: Bolt only refuses stale timestamps, so requests stamped more
// than five minutes in the future are refused here too; and klaxon's other routes share the port.
import { HTTPReceiver, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';

const WINDOW_S = 300;

export interface ReceiverOptions {
  readonly signingSecret: string;
  readonly routes: readonly CustomRoute[];
  readonly logger: BoltLogger;
  /** @pure false — the clock used for the future-timestamp check. */
  readonly now: () => number;
}

/** A request whose signature timestamp is too far ahead can be replayed later: refuse it like Slack's own rule. */
export function isFutureTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + WINDOW_S;
}

export function createReceiver(options: ReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: ['/slack/events'],
    customRoutes: [...options.routes],
    logger: options.logger,
    processBeforeResponse: false,
    // Slack interactions are small; a megabyte is generous and keeps large unsigned bodies out.
    bodyLimit: 1024 * 1024,
  });
  const verifyAndDispatch = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/slack/events') && isFutureTimestamp(req.headers['x-slack-request-timestamp'], options.now())) {
      options.logger.warn('refused a Slack request stamped in the future');
      res.writeHead(401).end();
      return;
    }
    verifyAndDispatch(req, res);
  };
  return receiver;
}
