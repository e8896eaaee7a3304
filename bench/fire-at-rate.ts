// An open-loop load client: request i is due at start + i/rate whether or not earlier ones were answered,
// and its latency counts from that due time, so a slow server cannot hide its queue by slowing the client.
import { Agent, request } from 'node:http';
import { slackSignatureHeaders } from '../src/sandbox/emulator/slack-signature.js';
import type { SlackRequest } from './slack-request-bodies.js';

export interface LoadOutcome {
  /** Due time → complete response, in ms, one per answered request. */
  readonly latenciesMs: number[];
  readonly statuses: Readonly<Record<number, number>>;
  /** Requests that got no HTTP answer (refused, reset, timed out). */
  readonly failures: number;
  /** How far behind its schedule the client ever sent: large values mean the client, not the server, was late. */
  readonly maxSendLagMs: number;
}

export interface LoadOptions {
  readonly ratePerSecond: number;
  readonly signingSecret: string;
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(agent: Agent, url: URL, req: SlackRequest, secret: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const body = Buffer.from(req.body, 'utf8');
    const headers = {
      'content-type': req.contentType,
      'content-length': String(body.length),
      ...slackSignatureHeaders(secret, req.body, Math.floor(Date.now() / 1000)),
    };
    const outgoing = request(url, { method: 'POST', agent, headers, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', () => resolve(undefined));
    });
    outgoing.once('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.once('error', () => resolve(undefined));
    outgoing.end(body);
  });
}

/** Sends every request to `url` at `ratePerSecond`, signed like Slack at send time, and waits for all answers. */
export async function fireAtRate(url: string, requests: readonly SlackRequest[], options: LoadOptions): Promise<LoadOutcome> {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error(`bench: load only goes to loopback, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / options.ratePerSecond;
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  let failures = 0;
  let maxSendLagMs = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (const [i, req] of requests.entries()) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    // From the scheduled time when the client is late (a stall counts against the server), from the real send
    // when it is up to a millisecond early (the sleep above skips waits that short).
    const from = Math.min(due, performance.now());
    inFlight.push(
      send(agent, target, req, options.signingSecret, options.timeoutMs ?? 10_000).then((status) => {
        if (status === undefined) {
          failures += 1;
          return;
        }
        latenciesMs.push(performance.now() - from);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { latenciesMs, statuses, failures, maxSendLagMs };
}
