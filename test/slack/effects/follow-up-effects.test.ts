// Follow-up cards on the real bot's Redis and the emulator: a job that posts several cards and is retried
// after a failure finds each card by its own key, and posts the ones it had not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFollowUpCards } from '../../../src/slack/effects/follow-up-effects.js';
import type { SlackApi } from '../../../src/slack/slack-api.js';
import type { Incident } from '../../../src/domain/incident.js';
import { declaredInSlack } from '../../support/declared-in-slack.js';
import { startKlaxon, type Klaxon } from '../../support/klaxon-harness.js';
import { emulatorSlackApi, replicaEffects } from '../../support/replica-effects.js';

describe('follow-up cards', () => {
  let k: Klaxon;
  let channel: string;
  let incidentId: string;
  beforeAll(async () => {
    k = await startKlaxon();
    ({ id: incidentId, channel } = await declaredInSlack(k, 'high Disk filling up'));
  });
  afterAll(async () => k?.stop());

  it('a retried job posts the card its first try could not, beside the one it had posted', async () => {
    const items = [
      { kind: 'follow_up', text: 'Rotate the logs daily' },
      { kind: 'prevention', text: 'Alert at 90 % disk' },
    ] as const;
    await k.bot.services.store.update(incidentId, (i) => ({ ok: true, value: { incident: { ...i, actionItems: items } as Incident, events: [] } }), { idempotencyKey: 'two-items' });
    // The first try: Slack takes the first card and fails the second.
    const api = emulatorSlackApi(k);
    let posts = 0;
    const failingSecond: SlackApi = {
      ...api,
      chat: { ...api.chat, postMessage: (args) => ((posts += 1) === 2 ? Promise.reject(new Error('connection reset')) : api.chat.postMessage(args)) },
    };
    const job = 'followups-two-items';
    await expect(syncFollowUpCards(replicaEffects(k, { jobId: job, attempt: 1 }, failingSecond), { incidentId })).rejects.toThrow('connection reset');
    await syncFollowUpCards(replicaEffects(k, { jobId: job, attempt: 2 }, api), { incidentId });

    const links = await k.bot.services.store.getLinks(incidentId);
    const cards = Object.entries(links).filter(([key]) => key.startsWith('followup:'));
    expect(cards).toHaveLength(2);
    const shown = cards.map(([, ts]) => k.emulator.messages(channel).find((m) => m.ts === ts)?.text ?? '');
    expect(new Set(cards.map(([, ts]) => ts)).size).toBe(2);
    expect(shown.some((text) => text.includes('Rotate the logs daily'))).toBe(true);
    expect(shown.some((text) => text.includes('Alert at 90 % disk'))).toBe(true);
  });
});
