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
 * True for the bodies Slack sends: a form with one `payload` (a JSON object with a `type`), a slash command
 * form (`command`), an `ssl_check`, or an Events API JSON object with a `type`. Parsed as Bolt parses them.
 * @example isSlackBody('payload=null', 'application/x-www-form-urlencoded') //=> false
 */
export function isSlackBody(text: string, contentType: string | undefined): boolean {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parse(text);
    if (form['payload'] !== undefined) {
      const payload = form['payload'];
      return typeof payload === 'string' && typeof jsonObject(payload)?.['type'] === 'string';
    }
    return typeof form['command'] === 'string' || form['ssl_check'] === '1';
  }
  return typeof jsonObject(text)?.['type'] === 'string';
}

/**
 * Slack's notice that the app went over its Events API limit: a top-level body Bolt cannot route (it would
 * leave it unanswered, and Slack counts that as one more failed delivery), answered 200 by the front door.
 * @example appRateLimitedMinute('{"type":"app_rate_limited","minute_rate_limited":1518467820}', 'application/json') //=> 1518467820
 */
export function appRateLimitedMinute(text: string, contentType: string | undefined): number | undefined {
  if (contentType === 'application/x-www-form-urlencoded') return undefined;
  const body = jsonObject(text);
  if (body?.['type'] !== 'app_rate_limited') return undefined;
  return typeof body['minute_rate_limited'] === 'number' ? body['minute_rate_limited'] : 0;
}
