import { describe, expect, it } from 'vitest';
import { slackSignatureHeaders } from '../../src/sandbox/emulator/slack-signature.js';
import { hasSlackSignature } from '../../src/slack/verify-signature.js';

const SECRET = 'verify-signature-secret';
const BODY = 'command=%2Fincident&text=help&trigger_id=1.2.abc';
const signed = (body = BODY, secret = SECRET, ts = 1_773_100_800) => slackSignatureHeaders(secret, body, ts);

describe('hasSlackSignature', () => {
  it('accepts the v0 signature Slack computes, as a string or as the raw bytes', () => {
    const h = signed();
    expect(hasSlackSignature(SECRET, h['x-slack-request-timestamp'], h['x-slack-signature'], BODY)).toBe(true);
    expect(hasSlackSignature(SECRET, h['x-slack-request-timestamp'], h['x-slack-signature'], Buffer.from(BODY))).toBe(true);
  });

  it.each([
    ['another secret', () => ({ ...signed(BODY, 'another-secret') })],
    ['another body', () => ({ ...signed(`${BODY}&x=1`) })],
    ['another timestamp', () => ({ ...signed(), 'x-slack-request-timestamp': '1773100801' })],
    ['a v1 prefix', () => ({ ...signed(), 'x-slack-signature': signed()['x-slack-signature'].replace('v0=', 'v1=') })],
    ['a short signature', () => ({ ...signed(), 'x-slack-signature': signed()['x-slack-signature'].slice(0, -2) })],
    ['a non-hex signature of the right length', () => ({ ...signed(), 'x-slack-signature': `v0=${'z'.repeat(64)}` })],
    ['the right digest in upper-case hex', () => ({ ...signed(), 'x-slack-signature': `v0=${signed()['x-slack-signature'].slice(3).toUpperCase()}` })],
    ['a multi-byte signature of the right length in characters', () => ({ ...signed(), 'x-slack-signature': `v0=${'é'.repeat(64)}` })],
  ])('refuses %s', (_name, headers) => {
    const h = headers();
    expect(hasSlackSignature(SECRET, h['x-slack-request-timestamp'], h['x-slack-signature'], BODY)).toBe(false);
  });

  it('refuses a missing signature', () => {
    expect(hasSlackSignature(SECRET, '1773100800', undefined, BODY)).toBe(false);
  });
});
