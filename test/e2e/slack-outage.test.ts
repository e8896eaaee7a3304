// A Slack outage longer than a fixed number of attempts lasts: an effect klaxon acknowledged keeps being tried
// (capped backoff) until Slack answers again, and is then delivered; another incident's effects go out
// meanwhile. Timings are shortened: each Web API call gives up after 200 ms, and the queue's backoff starts at
// 10 ms and is capped at 100 ms, so ten attempts (the limit there once was) are spent within a few seconds.
import { afterEach, describe, expect, it } from 'vitest';
import { declaredInSlack } from '../support/declared-in-slack.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const OUTAGE_MS = 12_000;

describe('a long Slack outage', () => {
  let k: Klaxon | undefined;
  afterEach(async () => {
    await k?.stop();
    k = undefined;
  });

  const start = () => startKlaxon({ slackApi: { maxRetryMs: 200 }, effectRetry: { baseMs: 10, capMs: 100, transientForMs: 60_000, attempts: 10 } });

  it('sets up an incident declared while Slack is unreachable, then answers 503, then 429, once Slack answers again', async () => {
    k = await start();
    k.emulator.faults.add({ method: '*', kind: 'unreachable', forMs: OUTAGE_MS / 3 });
    k.emulator.faults.add({ method: '*', kind: 'http_error', status: 503, forMs: (OUTAGE_MS * 2) / 3 });
    k.emulator.faults.add({ method: '*', kind: 'rate_limited', retryAfterSeconds: 1, forMs: OUTAGE_MS });
    const outageStarted = Date.now();
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Declared during the outage' });
    const id = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
    expect(id, answer.body).toBeDefined();
    const setup = await eventually(() => k?.bot.producers.slack.getJob(`setup-${id}`), 'the setup job');
    // Ten attempts were all a job once had: past them, the setup is still being tried, not kept as failed.
    const state = await eventually(async () => {
      const job = await k?.bot.producers.slack.getJob(setup.id as string);
      if (await job?.isFailed()) return `failed after ${job?.attemptsMade} attempts: ${job?.failedReason}`;
      return (job?.attemptsMade ?? 0) > 10 ? 'still trying' : undefined;
    }, 'more than ten attempts at the setup', OUTAGE_MS);
    expect(state).toBe('still trying');
    const links = await eventually(async () => {
      const all = await k?.bot.services.store.getLinks(id);
      return all?.['channel'] && all['announcement'] ? all : undefined;
    }, 'the channel and the announcement after the outage', OUTAGE_MS + 5_000);
    expect(Date.now() - outageStarted).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(k.emulator.messages(k.stakeholders).some((m) => m.ts === links['announcement'])).toBe(true);
    expect(await k.bot.producers.slack.getFailedCount()).toBe(0);
    // Every Web API call well inside the outage failed, in each of its three ways. (The faults are the Web API's:
    // a post to a command's response_url, which the setup may use to tell the declarer, is not among them.)
    const webApi = (c: { method: string }) => c.method !== 'response_url' && c.method !== 'upload';
    const failures = new Set(k.emulator.calls().filter((c) => webApi(c) && c.at >= outageStarted && c.at - outageStarted < OUTAGE_MS - 200).map((c) => c.error));
    expect([...failures].sort()).toEqual(['http_503', 'ratelimited', 'unreachable']);
  }, 30_000);

  it('delivers one incident’s update after its channel answered 500 for long, while another incident’s update went out', async () => {
    k = await start();
    const held = await declaredInSlack(k, 'medium Held by the outage', ['announcement'], 20_000);
    const free = await declaredInSlack(k, 'medium Not held', ['announcement'], 20_000);
    k.emulator.faults.add({ method: '*', channel: held.channel, kind: 'http_error', status: 500, forMs: OUTAGE_MS });
    const outageStarted = Date.now();
    expect((await k.emulator.slashCommand({ userId: USERS.l1, channelId: held.channel, text: 'update held one waits' })).status).toBe(200);
    expect((await k.emulator.slashCommand({ userId: USERS.l1, channelId: free.channel, text: 'update free one goes' })).status).toBe(200);
    // Changed while its header could not be updated: drawn after the outage from the incident as stored then.
    expect((await k.emulator.slashCommand({ userId: USERS.l2, channelId: held.channel, text: 'severity critical' })).status).toBe(200);
    const header = () => JSON.stringify(k?.emulator.messages(held.channel).find((m) => m.ts === held.links['header'])?.blocks ?? []);
    const showsCritical = () => header().includes(`:red_circle: ${held.id}:`);
    expect(showsCritical()).toBe(false);
    await eventually(() => k?.emulator.messages(free.channel).some((m) => m.text.includes('free one goes')), 'the other incident’s update', 5_000);
    expect(Date.now() - outageStarted).toBeLessThan(OUTAGE_MS);
    const posted = () => k?.emulator.messages(held.channel).filter((m) => m.text.includes('held one waits')) ?? [];
    await eventually(() => posted().length > 0, 'the held update after the outage', OUTAGE_MS + 5_000);
    expect(Date.now() - outageStarted).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(posted()).toHaveLength(1);
    await eventually(showsCritical, 'the header drawn with the severity as stored after the outage', 5_000);
    expect(await k.bot.producers.slack.getFailedCount()).toBe(0);
  }, 30_000);

  it('still gives up at once on a definite refusal from Slack', async () => {
    k = await start();
    const { channel } = await declaredInSlack(k, 'medium Refused', ['announcement'], 20_000);
    k.emulator.faults.add({ method: 'chat.postMessage', channel, kind: 'error', error: 'not_in_channel' });
    const queuedAt = Date.now();
    expect((await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'update refused for good' })).status).toBe(200);
    const [failed] = await eventually(async () => {
      const jobs = (await k?.bot.producers.slack.getFailed()) ?? [];
      return jobs.length > 0 ? jobs : undefined;
    }, 'the refused update in the failed jobs', 5_000);
    expect([failed?.name, failed?.attemptsMade, failed?.failedReason]).toEqual(['status-update', 1, 'status-update: Slack chat.postMessage answered not_in_channel']);
    expect(Date.now() - queuedAt).toBeLessThan(5_000);
  }, 30_000);
});
