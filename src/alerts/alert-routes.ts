// POST /alerts/backtest and POST /alerts/alertmanager: token, size and shape checks, then every alert of the
// request through the intake, answered with 202 and what happened to each. The work is Redis only.
import type { CustomRoute } from '@slack/bolt';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../app/services.js';
import { cleanText } from '../domain/clean-text.js';
import type { Instant } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import { createAlertIntake, type AlertIntake, type AlertIntakeDeps, type IntakeOptions, type IntakeOutcome } from './alert-intake.js';
import type { IncomingAlert } from './incoming-alert.js';
import { parseAlertmanagerWebhook } from './parse-alertmanager-webhook.js';
import { parseBacktestAlert } from './parse-backtest-alert.js';
import { readBody } from './read-body.js';
import { tokenMatches } from './token-matches.js';

export const ALERT_BODY_LIMIT_BYTES = 256 * 1024;

type Parse = (body: unknown, context: { readonly timeZone: string; readonly now: Instant }) => Result<IncomingAlert[], string>;

export interface AlertRouteOptions extends Partial<IntakeOptions> {
  readonly bodyLimitBytes?: number;
}

/** The summary a sender gets back: every alert of the request is counted exactly once. */
export interface IntakeSummary {
  readonly ok: boolean;
  readonly declared: number;
  readonly attached: number;
  readonly ignored: number;
  readonly pending: number;
  readonly incidents: readonly string[];
}

const send = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};

export function summarise(outcomes: readonly IntakeOutcome[]): IntakeSummary {
  const count = (kind: IntakeOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const incidents = [...new Set(outcomes.flatMap((o) => ('incidentId' in o ? [o.incidentId] : [])))];
  const pending = count('pending');
  return { ok: pending === 0, declared: count('declared'), attached: count('attached'), ignored: count('ignored'), pending, incidents };
}

/**
 * The two alert routes for the bot's HTTP server. `services` is read per request because the composition
 * root builds it after the receiver that serves these routes.
 */
export function alertRoutes(services: () => Services, deps: () => AlertIntakeDeps, options: AlertRouteOptions = {}): CustomRoute[] {
  const limit = options.bodyLimitBytes ?? ALERT_BODY_LIMIT_BYTES;
  let intake: AlertIntake | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse, name: string, parse: Parse): Promise<void> {
    const s = services();
    const token = s.config.alertWebhookToken;
    if (!token) return send(res, 503, { ok: false, error: 'alert intake disabled: ALERT_WEBHOOK_TOKEN is not set' });
    const authorization = req.headers.authorization;
    if (!tokenMatches(authorization, token)) {
      req.resume();
      return send(res, 401, { ok: false, error: authorization ? 'wrong token' : 'missing Authorization header' }, { 'www-authenticate': 'Bearer' });
    }
    const body = await readBody(req, limit);
    if (!body.ok) {
      if (body.error === 'too_large') return send(res, 413, { ok: false, error: `body larger than ${limit} bytes` }, { connection: 'close' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.value);
    } catch {
      return send(res, 400, { ok: false, error: 'body is not JSON' });
    }
    const alerts = parse(json, { timeZone: s.config.timeZone, now: s.now() });
    if (!alerts.ok) return send(res, 400, { ok: false, error: alerts.error });
    intake ??= createAlertIntake(s, deps(), options);
    // The budget follows what the request proved (its token and the route it used), never a field of its body.
    const budget = `${name}-${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
    const cleaned = alerts.value.map((alert) => ({ ...alert, title: cleanText(alert.title), origin: cleanText(alert.origin), sender: cleanText(alert.sender) }));
    const summary = summarise(await Promise.all(cleaned.map((alert) => (intake as AlertIntake).intake(alert, budget))));
    s.logger.info({ path: `/alerts/${name}`, ...summary, incidents: summary.incidents.length }, 'alerts received');
    // Alertmanager and most senders redeliver on 5xx; everything recorded so far is idempotent.
    if (summary.pending > 0) return send(res, 503, summary, { 'retry-after': '5' });
    return send(res, 202, summary);
  }

  const route = (path: string, parse: Parse): CustomRoute => ({
    path,
    method: 'POST',
    handler: (req, res) => {
      handle(req, res, path.slice('/alerts/'.length), parse).catch((error: unknown) => {
        services().logger.error({ err: (error as Error).message, path }, 'alert intake failed');
        if (!res.headersSent) send(res, 503, { ok: false, error: 'alert intake unavailable; retry later' }, { 'retry-after': '5' });
      });
    },
  });

  return [route('/alerts/backtest', parseBacktestAlert), route('/alerts/alertmanager', parseAlertmanagerWebhook)];
}
