// What a signed Slack request body may look like before Bolt sees it. Bolt assumes an object and crashes the
// process on anything else (JSON `null`, `payload=null`), so the shape is checked first and refused with 400.
import { parse } from 'node:querystring';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body as Bolt parses it, when it is one Slack sends: a form with one `payload` (a JSON object with a
 * `type`), a slash command form (`command`), an `ssl_check`, or an Events API JSON object with a `type`.
 * @example parseSlackBody('payload=null', 'application/x-www-form-urlencoded') //=> undefined
 */
export function parseSlackBody(text: string, contentType: string | undefined): Record<string, unknown> | undefined {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parse(text);
    if (form['payload'] !== undefined) {
      const payload = form['payload'];
      const object = typeof payload === 'string' ? jsonObject(payload) : undefined;
      return typeof object?.['type'] === 'string' ? object : undefined;
    }
    return typeof form['command'] === 'string' || form['ssl_check'] === '1' ? form : undefined;
  }
  const object = jsonObject(text);
  return typeof object?.['type'] === 'string' ? object : undefined;
}

/**
 * Slack's notice that the app went over its Events API limit: a top-level body Bolt cannot route (it would
 * leave it unanswered, and Slack counts that as one more failed delivery), answered 200 by the front door.
 * @example appRateLimitedMinute({ type: 'app_rate_limited', minute_rate_limited: 1518467820 }) //=> 1518467820
 */
export function appRateLimitedMinute(body: Record<string, unknown>): number | undefined {
  if (body['type'] !== 'app_rate_limited') return undefined;
  return typeof body['minute_rate_limited'] === 'number' ? body['minute_rate_limited'] : 0;
}
