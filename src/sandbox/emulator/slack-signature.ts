// Signs requests to the bot exactly as Slack does: v0 HMAC-SHA256 of `v0:<timestamp>:<body>`.
import { createHmac } from 'node:crypto';

/** The two headers Slack puts on every request it sends to an app. */
export function slackSignatureHeaders(
  secret: string,
  body: string,
  timestampSeconds: number,
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSeconds), 'x-slack-signature': `v0=${digest}` };
}
