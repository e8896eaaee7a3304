// Issue 11, finding 7: one channel under Slack's Retry-After holds back only its own incident's messages;
// another incident's update goes out meanwhile, and the held one follows, in order.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

describe('rate limits per channel', () => {
  let k: Klaxon | undefined;
  afterEach(async () => {
    await k?.stop();
    k = undefined;
  });

  async function declared(title: string): Promise<string> {
    const answer = await k?.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: `declare medium ${title}` });
    const id = /(inc-\d+)/.exec(answer?.body ?? '')?.[1] as string;
    const links = await eventually(async () => {
      const all = await k?.bot.services.store.getLinks(id);
      return all?.['playbooks'] ? all : undefined;
    }, `${title} set up`, 30_000);
    return links['channel'] as string;
  }

  it('posts another incident’s update while one channel waits out a Retry-After', async () => {
    k = await startKlaxon();
    const held = await declared('Held back');
    const free = await declared('Not held back');
    k.emulator.faults.add({ method: 'chat.postMessage', channel: held, kind: 'rate_limited', retryAfterSeconds: 15, times: 1 });
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: held, text: 'update first one waits' });
    await eventually(() => k?.emulator.calls('chat.postMessage').some((c) => c.args['channel'] === held && c.status === 429), 'the 429 in the held channel');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: free, text: 'update second one goes' });
    await eventually(() => k?.emulator.messages(free).some((m) => m.text.includes('second one goes')), 'the other incident’s update', 10_000);
    expect(k.emulator.messages(held).some((m) => m.text.includes('first one waits'))).toBe(false);
    await eventually(() => k?.emulator.messages(held).some((m) => m.text.includes('first one waits')), 'the held update after its Retry-After', 30_000);
  }, 90_000);
});
