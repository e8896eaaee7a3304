// Serves POST /api/<method>: token check, fault injection, rate limits, the method itself, and the call log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './emulator-state.js';
import type { Call } from './emulator-types.js';
import type { FaultRegistry } from './faults.js';
import type { RateLimiter } from './rate-limits.js';
import { METHODS } from './methods/method-table.js';
import type { MethodHandler, MethodResult } from './methods/method-context.js';
import { parseArgs, readBody } from './request-body.js';

export interface WebApiDeps {
  readonly state: EmulatorState;
  readonly faults: FaultRegistry;
  readonly botToken: string;
  readonly baseUrl: () => string;
  readonly strict: boolean;
  /** Methods that take an app-level token (Socket Mode) instead of the bot token. */
  readonly appMethods?: Readonly<Record<string, MethodHandler>>;
  readonly acceptsAppToken?: (token: string) => boolean;
  /** The bot token's granted scopes, sent as Slack sends them: an `x-oauth-scopes` header on every answer. */
  readonly scopes?: readonly string[];
  /** Slack's per-method limits; absent when a test turned them off. */
  readonly rateLimits?: RateLimiter;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function tokenOf(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return bearer.trim();
  return typeof args['token'] === 'string' && args['token'] !== '' ? args['token'] : undefined;
}

export async function handleWebApi(req: IncomingMessage, res: ServerResponse, method: string, deps: WebApiDeps): Promise<void> {
  const body = await readBody(req);
  let args: Record<string, unknown>;
  try {
    args = await parseArgs(body, req.headers['content-type'] ?? '');
  } catch {
    args = {};
  }
  const token = tokenOf(req, args);
  delete args['token'];
  const call: Call = { method, args, at: deps.state.now(), status: 200, ok: false };
  deps.state.calls.push(call);
  const finish = (status: number, result: MethodResult | string, extra: Record<string, string> = {}) => {
    const headers = deps.scopes === undefined || token?.startsWith('xapp-') ? extra : { 'x-oauth-scopes': deps.scopes.join(','), ...extra };
    call.status = status;
    if (typeof result === 'string') {
      call.error = `http_${status}`;
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(result);
    } else {
      call.ok = result.ok;
      if (!result.ok) call.error = result.error;
      sendJson(res, status, result, headers);
    }
    deps.state.emit({ kind: 'call' });
  };

  if (token === undefined) return finish(200, { ok: false, error: 'not_authed' });
  const appMethod = deps.appMethods?.[method];
  const isAppToken = token.startsWith('xapp-');
  if (appMethod !== undefined || isAppToken) {
    if (appMethod === undefined || !isAppToken) return finish(200, { ok: false, error: 'not_allowed_token_type' });
    if (!(deps.acceptsAppToken?.(token) ?? false)) return finish(200, { ok: false, error: 'invalid_auth' });
  } else if (token !== deps.botToken) return finish(200, { ok: false, error: 'invalid_auth' });
  const channel = [args['channel'], args['channel_id']].find((v): v is string => typeof v === 'string');
  let answerAfterMs = 0;
  for (const effect of deps.faults.match(method, channel)) {
    switch (effect.kind) {
      case 'delay':
        await sleep(effect.ms);
        break;
      case 'slow_answer':
        answerAfterMs += effect.ms;
        break;
      case 'rate_limited':
        return finish(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(effect.retryAfterSeconds) });
      case 'http_error':
        return finish(effect.status, `emulated HTTP ${effect.status}`);
      case 'unreachable':
        call.status = 0;
        call.error = 'unreachable';
        req.socket.destroy();
        return;
      case 'error':
        return finish(200, { ok: false, error: effect.error });
    }
  }
  const handler = appMethod ?? METHODS[method];
  if (!handler) return finish(200, { ok: false, error: 'unknown_method' });
  const retryAfter = deps.rateLimits?.take(method, channel === undefined ? undefined : (deps.state.channel(channel)?.id ?? channel));
  if (retryAfter !== undefined) return finish(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
  let result: MethodResult;
  try {
    result = handler({ state: deps.state, args, baseUrl: deps.baseUrl(), strict: deps.strict });
  } catch (error) {
    return finish(500, `emulator bug in ${method}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (answerAfterMs > 0) await sleep(answerAfterMs);
  finish(200, result);
}
