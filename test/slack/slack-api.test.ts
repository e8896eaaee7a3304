import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackEmulator, type SlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import { createSlackApi, effectMetadata, SlackPlatformError, SlackUnavailableError, type SlackApiOptions } from '../../src/slack/slack-api.js';

const TOKEN = 'xoxb-slack-api-test';

async function eventuallyTrue(probe: () => boolean): Promise<void> {
  for (let waited = 0; !probe(); waited += 10) {
    if (waited > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('createSlackApi against the emulator', () => {
  let emulator: SlackEmulator;
  let general: string;
  let other: string;
  beforeAll(async () => {
    // Rate limits off: these cases inject each 429 themselves, and the pacing case runs the wrapper faster than
    // Slack's ~1/s per channel on purpose, to see its own spacing rather than the emulator's refusals.
    emulator = await createSlackEmulator({
      signingSecret: 's',
      botToken: TOKEN,
      channels: [
        { name: 'general', botIsMember: true },
        { name: 'other', botIsMember: true },
      ],
      console: false,
      rateLimits: false,
    });
    general = emulator.channel('general')?.id as string;
    other = emulator.channel('other')?.id as string;
  });
  afterEach(() => emulator.faults.clear());
  afterAll(async () => emulator?.close());

  const client = (timeout = 5000) =>
    new WebClient(TOKEN, { slackApiUrl: emulator.apiUrl, timeout, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
  const api = (options: SlackApiOptions = {}, timeout?: number) => {
    const retries: { method: string; attempt: number; waitMs: number; reason: string }[] = [];
    const slack = createSlackApi(client(timeout), { baseBackoffMs: 20, maxBackoffMs: 200, channelIntervalMs: 10, channelBurst: 100, onRetry: (r) => retries.push(r), ...options });
    return { slack, retries };
  };
  const posted = (channel: string, text: string) => emulator.messages(channel).filter((m) => m.text === text);

  it('waits out Retry-After on a 429 before asking again, then delivers once', async () => {
    emulator.faults.add({ method: 'chat.postMessage', channel: general, kind: 'rate_limited', retryAfterSeconds: 1, times: 1 });
    const { slack, retries } = api();
    const before = emulator.calls('chat.postMessage').length;
    await slack.chat.postMessage({ channel: general, text: 'after the 429' });
    const calls = emulator.calls('chat.postMessage').slice(before);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(retries).toMatchObject([{ method: 'chat.postMessage', attempt: 1, reason: 'rate_limited' }]);
    expect(posted(general, 'after the 429')).toHaveLength(1);
  });

  it('retries 500s and transient Slack errors with backoff, and delivers once', async () => {
    emulator.faults.add({ method: 'chat.update', kind: 'http_error', status: 500, times: 2 });
    emulator.faults.add({ method: 'chat.update', kind: 'error', error: 'internal_error', times: 1 });
    const { slack, retries } = api();
    const { ts } = await slack.chat.postMessage({ channel: general, text: 'v1' });
    await slack.chat.update({ channel: general, ts: ts as string, text: 'v2' });
    expect(retries.map((r) => r.reason)).toEqual(['http_500', 'http_500', 'internal_error']);
    expect(emulator.messages(general).find((m) => m.ts === ts)?.text).toBe('v2');
  });

  it('fails at once on a definite Slack error, without retrying', async () => {
    const { slack, retries } = api();
    const before = emulator.calls('chat.postMessage').length;
    const failure = await slack.chat.postMessage({ channel: 'C0NOSUCH', text: 'nowhere' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SlackPlatformError);
    expect(failure).toMatchObject({ method: 'chat.postMessage', slackError: 'channel_not_found' });
    expect(emulator.calls('chat.postMessage').length - before).toBe(1);
    expect(retries).toEqual([]);
  });

  it('gives up with SlackUnavailableError once the retry budget is spent, so the queue can retry later', async () => {
    emulator.faults.add({ method: 'chat.postMessage', kind: 'http_error', status: 503 });
    const { slack, retries } = api({ maxRetryMs: 400 });
    const failure = await slack.chat.postMessage({ channel: general, text: 'never' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SlackUnavailableError);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.length).toBeLessThan(20);
    expect(posted(general, 'never')).toHaveLength(0);
  });

  it('stops retrying views.open when its trigger_id expires (3 s after the click), whatever the budget', async () => {
    emulator.faults.add({ method: 'views.open', kind: 'http_error', status: 503 });
    const { slack, retries } = api({ baseBackoffMs: 400, maxBackoffMs: 1_000 });
    const failure = await slack.views.open({ trigger_id: 'expires', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SlackUnavailableError);
    expect(retries.length).toBeGreaterThanOrEqual(1);
    // What it planned to wait, not what the clock says: the waits before it gave up fit in the trigger's life.
    expect(retries.reduce((sum, r) => sum + r.waitMs, 0)).toBeLessThanOrEqual(3_000);
  });

  it('retries a call that timed out', async () => {
    emulator.faults.add({ method: 'auth.test', kind: 'delay', ms: 800, times: 1 });
    const { slack, retries } = api({}, 300);
    const answer = await slack.auth.test();
    expect(answer.ok).toBe(true);
    expect(retries.map((r) => r.reason)).toEqual(['request_error']);
  });

  it('does not post twice when Slack posted but its answer never came: it finds the message by its effect key', async () => {
    emulator.faults.add({ method: 'chat.postMessage', channel: general, kind: 'slow_answer', ms: 800, times: 1 });
    const { slack, retries } = api({}, 300);
    const answer = await slack.chat.postMessage({ channel: general, text: 'posted once', metadata: effectMetadata('test/once') });
    expect(retries.map((r) => r.reason)).toEqual(['request_error']);
    expect(posted(general, 'posted once').map((m) => m.ts)).toEqual([answer.ts]);
    expect(emulator.calls('conversations.history').at(-1)?.args).toMatchObject({ channel: general });
  });

  it('finds a reply in its thread by its effect key, and nothing for a key never posted', async () => {
    const { slack } = api();
    const root = await slack.chat.postMessage({ channel: general, text: 'root' });
    const reply = await slack.chat.postMessage({ channel: general, text: 'reply', thread_ts: root.ts as string, metadata: effectMetadata('test/reply') });
    expect(await slack.findPosted({ channel: general, threadTs: root.ts as string, key: 'test/reply' })).toBe(reply.ts);
    expect(await slack.findPosted({ channel: general, threadTs: root.ts as string, key: 'test/other' })).toBeUndefined();
  });

  it('keeps a Retry-After to the channel it was given for: another channel is not held back', async () => {
    emulator.faults.add({ method: 'chat.postMessage', channel: general, kind: 'rate_limited', retryAfterSeconds: 30, times: 1 });
    // The 30 s wait is released by the test once the other channel has had its turn.
    let release = () => {};
    const retryAfter = new Promise<void>((resolve) => (release = resolve));
    const { slack, retries } = api({ sleep: (ms) => (ms >= 30_000 ? retryAfter : new Promise((resolve) => setTimeout(resolve, ms))) });
    const held = slack.chat.postMessage({ channel: general, text: 'held back' });
    await eventuallyTrue(() => retries.length === 1);
    await slack.chat.postMessage({ channel: other, text: 'goes at once' });
    expect(posted(other, 'goes at once')).toHaveLength(1);
    expect(posted(general, 'held back')).toHaveLength(0);
    release();
    await held;
    expect(posted(general, 'held back')).toHaveLength(1);
  });

  it('keeps posting order and paces chat.postMessage per channel after a burst', async () => {
    const { slack } = api({ channelIntervalMs: 150, channelBurst: 2 });
    const before = emulator.calls('chat.postMessage').length;
    for (let n = 1; n <= 5; n += 1) await slack.chat.postMessage({ channel: general, text: `paced ${n}` });
    await slack.chat.postMessage({ channel: other, text: 'not held back' });
    const calls = emulator.calls('chat.postMessage').slice(before);
    const inGeneral = calls.filter((c) => c.args['channel'] === general);
    expect(inGeneral.map((c) => c.args['text'])).toEqual(['paced 1', 'paced 2', 'paced 3', 'paced 4', 'paced 5']);
    // The intervals themselves are timing, measured by `npm run bench`, not asserted on a shared machine.
    expect(calls.find((c) => c.args['channel'] === other)?.args['text']).toBe('not held back');
  });
});
