// Slack's request signature (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`), checked with one HMAC and a
// constant-time compare. Bolt's own check runs three HMACs and draws random bytes per request (tsscmp's
// double-HMAC compare, written for Node versions without crypto.timingSafeEqual).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whether `signature` is the v0 signature of `body` sent at `timestamp` (seconds, as the header spells it). */
export function hasSlackSignature(secret: string, timestamp: string, signature: string | undefined, body: Buffer | string): boolean {
  if (signature === undefined) return false;
  // Compared as Slack spells it (lower-case hex), byte for byte, as Bolt compares it.
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
