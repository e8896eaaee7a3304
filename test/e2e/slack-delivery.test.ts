// Slack writes survive Slack's failures: 429 with Retry-After, 500s and an outage of every method are
// retried, and each message is delivered exactly once and in the order it was sent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../src/sandbox/emulator/emulator-types.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { declaredInSlack } from '../support/declared-in-slack.js';

describe('Slack delivery under faults', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterEach(() => k?.emulator.faults.clear());
  afterAll(async () => {
    const rejected = k?.emulator.calls().filter((c) => c.error === 'invalid_blocks' || c.error === 'no_text') ?? [];
    await k?.stop();
    expect(rejected.map((c) => `${c.method}: ${c.error}`)).toEqual([]);
  });

  const declared = (title: string) => declaredInSlack(k, `high ${title}`, ['announcement'], 20_000);

  const texts = (channel: string) => k.emulator.messages(channel).map((m) => m.text);
  const update = (channel: string, text: string) => k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: `update ${text}` });
  /** Every call of `method` that came after a 429 on it must have waited out that 429's Retry-After. */
  const callsHonourRetryAfter = (method: string, retryAfterMs: number): void => {
    const calls = k.emulator.calls(method);
    calls.forEach((limited: Call, n) => {
      if (limited.status !== 429) return;
      const next = calls[n + 1];
      expect(next, `a retry after the 429 on ${method}`).toBeDefined();
      expect((next?.at ?? 0) - limited.at).toBeGreaterThanOrEqual(retryAfterMs);
    });
  };

  it('creates the channel once when conversations.create answers 429 and then 500', async () => {
    k.emulator.faults.add({ method: 'conversations.create', kind: 'rate_limited', retryAfterSeconds: 1, times: 1 });
    k.emulator.faults.add({ method: 'conversations.create', kind: 'http_error', status: 500, times: 1 });
    const before = k.emulator.calls('conversations.create').length;
    const { channel } = await declared('Create under faults');
    const creates = k.emulator.calls('conversations.create').slice(before);
    expect(creates.map((c) => c.status)).toEqual([429, 500, 200]);
    expect(k.emulator.channels().filter((c) => c.name.endsWith('-create-under-faults'))).toHaveLength(1);
    expect(k.emulator.channel(channel)?.pins).toHaveLength(1);
    callsHonourRetryAfter('conversations.create', 1000);
  });

  it('delivers three status updates once each and in order through 429 and 500 on chat.postMessage', async () => {
    const { channel } = await declared('Updates under faults');
    k.emulator.faults.add({ method: 'chat.postMessage', channel, kind: 'rate_limited', retryAfterSeconds: 1, times: 1 });
    k.emulator.faults.add({ method: 'chat.postMessage', channel, kind: 'http_error', status: 500, times: 2 });
    const sent = ['First: strategy loader fails', 'Second: rolled back config', 'Third: backtests running again'];
    for (const text of sent) expect((await update(channel, text)).status).toBe(200);
    const delivered = await eventually(() => {
      const found = texts(channel).filter((t) => sent.some((s) => t.includes(s)));
      return found.length >= sent.length ? found : undefined;
    }, 'the three updates in the incident channel', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const final = texts(channel).filter((t) => sent.some((s) => t.includes(s)));
    expect(final).toHaveLength(3);
    expect(sent.map((s) => final.findIndex((t) => t.includes(s)))).toEqual([0, 1, 2]);
    expect(delivered).toHaveLength(3);
    const toStakeholders = await eventually(() => {
      const found = texts(k.stakeholders).filter((t) => sent.some((s) => t.includes(s)));
      return found.length >= sent.length ? found : undefined;
    }, 'the three updates for stakeholders', 20_000);
    expect(sent.map((s) => toStakeholders.findIndex((t) => t.includes(s)))).toEqual([0, 1, 2]);
    const failures = k.emulator.calls('chat.postMessage').filter((c) => c.args['channel'] === channel && c.status !== 200);
    expect(failures.map((c) => c.status)).toEqual([429, 500, 500]);
    callsHonourRetryAfter('chat.postMessage', 1000);
  });

  it('re-renders once the header and checklist updates get past 429 and 500 on chat.update', async () => {
    const { id, channel } = await declared('Render under faults');
    const links = await k.bot.services.store.getLinks(id);
    k.emulator.faults.add({ method: 'chat.update', channel, kind: 'rate_limited', retryAfterSeconds: 1, times: 1 });
    k.emulator.faults.add({ method: 'chat.update', channel, kind: 'http_error', status: 500, times: 1 });
    expect((await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: 'severity critical' })).status).toBe(200);
    await eventually(() => {
      const header = k.emulator.messages(channel).find((m) => m.ts === links['header']);
      return header !== undefined && /critical/i.test(header.text);
    }, 'the header re-rendered as critical', 20_000);
    const failed = k.emulator.calls('chat.update').filter((c) => c.args['channel'] === channel && c.status !== 200);
    expect(failed.map((c) => c.status)).toEqual([429, 500]);
    callsHonourRetryAfter('chat.update', 1000);
  });

  it('delivers everything after a few seconds of outage on every method, losing nothing', async () => {
    const { id, channel } = await declared('Outage');
    const before = k.emulator.calls().length;
    k.emulator.faults.add({ method: '*', kind: 'http_error', status: 503, forMs: 3000 });
    const outageStarted = Date.now();
    const sent = ['Outage update one', 'Outage update two', 'Outage update three'];
    for (const text of sent) expect((await update(channel, text)).status).toBe(200);
    expect((await k.emulator.slashCommand({ userId: USERS.l3, channelId: channel, text: 'note checked the Redis AOF' })).status).toBe(200);
    const during = await eventually(() => {
      const failed = k.emulator.calls().slice(before).filter((c) => c.status === 503);
      return failed.length >= 2 ? failed : undefined;
    }, 'calls failing during the outage');
    expect(during.every((c) => c.at - outageStarted <= 3100)).toBe(true);

    const delivered = await eventually(() => {
      const found = texts(channel).filter((t) => sent.some((s) => t.includes(s)));
      return found.length >= sent.length ? found : undefined;
    }, 'the updates after the outage', 30_000);
    expect(Date.now() - outageStarted).toBeGreaterThanOrEqual(3000);
    expect(sent.map((s) => delivered.findIndex((t) => t.includes(s)))).toEqual([0, 1, 2]);
    await eventually(() => texts(k.stakeholders).filter((t) => sent.some((s) => t.includes(s))).length === 3, 'the stakeholder copies', 30_000);
    // The announcement shows the latest update once the re-render got through.
    const links = await k.bot.services.store.getLinks(id);
    await eventually(() => {
      const announcement = k.emulator.messages(k.stakeholders).find((m) => m.ts === links['announcement']);
      return JSON.stringify(announcement?.blocks ?? []).includes('Outage update three');
    }, 'the announcement to show the latest update', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts(channel).filter((t) => sent.some((s) => t.includes(s)))).toHaveLength(3);
    expect(texts(k.stakeholders).filter((t) => sent.some((s) => t.includes(s)))).toHaveLength(3);
    const timeline = await k.bot.services.store.timelineAll(id);
    expect(timeline.filter((e) => e.type === 'update_posted')).toHaveLength(3);
    expect(timeline.filter((e) => e.type === 'note')).toHaveLength(1);
  });
});
