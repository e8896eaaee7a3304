// Issue 11, finding 5: Slack posted the message but its answer came after the client had given up. The retry
// looks for the message by its effect key (message metadata) among the channel's recent messages and posts
// nothing twice: one incident header, not two with live buttons.
import { afterEach, describe, expect, it } from 'vitest';
import { EFFECT_EVENT_TYPE } from '../../src/slack/slack-api.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

describe('a Slack answer that never came', () => {
  let k: Klaxon | undefined;
  afterEach(async () => {
    await k?.stop();
    k = undefined;
  });

  it('posts the incident header once when Slack answers after the client timeout but had posted it', async () => {
    // A client timeout of 1.5 s against an answer after 4 s: the header is posted, its answer lost.
    k = await startKlaxon({ slackApi: { timeoutMs: 1500 } });
    k.emulator.faults.add({ method: 'chat.postMessage', kind: 'slow_answer', ms: 4000, times: 1 });
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Slow Slack answers' });
    const id = /(inc-\d+)/.exec(answer.body)?.[1] as string;
    const links = await eventually(async () => {
      const all = await k?.bot.services.store.getLinks(id);
      return all?.['playbooks'] ? all : undefined;
    }, 'setup done', 30_000);
    const channel = links['channel'] as string;
    const headers = k.emulator.messages(channel).filter((m) => m.metadata?.event_type === EFFECT_EVENT_TYPE && m.metadata.event_payload['key'] === `${id}/header`);
    expect(headers.map((m) => m.ts)).toEqual([links['header']]);
    expect(k.emulator.messages(channel).filter((m) => m.text === headers[0]?.text)).toHaveLength(1);
    // The lost answer was looked for, not posted again.
    expect(k.emulator.calls('conversations.history').some((c) => c.args['channel'] === channel)).toBe(true);
    expect(k.emulator.calls('chat.postMessage').filter((c) => c.args['channel'] === channel && JSON.stringify(c.args['metadata'] ?? '').includes(`${id}/header`))).toHaveLength(1);
  }, 60_000);
});
