// The §8.1 verdict in the incident channel, on the real bot's Redis and the emulator: the run that completes
// the suite says it once, also when Slack failed its first try, and a redelivered result says nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/domain/incident.js';
import { trackVerification } from '../../../src/slack/effects/track-verification.js';
import type { SlackApi } from '../../../src/slack/slack-api.js';
import { declaredInSlack } from '../../support/declared-in-slack.js';
import { startKlaxon, USERS, type Klaxon } from '../../support/klaxon-harness.js';
import { emulatorSlackApi, replicaEffects } from '../../support/replica-effects.js';

describe('the verification verdict', () => {
  let k: Klaxon;
  let channel: string;
  let incidentId: string;
  beforeAll(async () => {
    k = await startKlaxon();
    ({ id: incidentId, channel } = await declaredInSlack(k, 'high Results drifted'));
    const resolvedAt = Date.now();
    await k.bot.services.store.update(incidentId, (i) => ({ ok: true, value: { incident: { ...i, status: 'resolved', resolvedAt, resolvedBy: USERS.l2 } as Incident, events: [] } }), { idempotencyKey: 'resolved' });
  });
  afterAll(async () => k?.stop());

  const verdicts = () => k.emulator.messages(channel).filter((m) => m.text.includes('Post-recovery verification'));

  it('is posted by the retry when Slack failed the first try, and once', async () => {
    const suite = k.bot.services.catalogue.filter((c) => c.ticks === 'system_verified').map((c) => c.id);
    expect(suite.length).toBeGreaterThan(1);
    const last = suite.at(-1) as string;
    const result = (commandId: string) => ({ incidentId, commandId, outcome: 'succeeded', channel, runId: `run-verify-${commandId}` });
    for (const commandId of suite.slice(0, -1)) await trackVerification(replicaEffects(k, { jobId: `v-${commandId}`, attempt: 1 }), result(commandId));
    expect(verdicts()).toEqual([]);

    const healthy = emulatorSlackApi(k);
    const down: SlackApi = { ...healthy, chat: { ...healthy.chat, postMessage: () => Promise.reject(new Error('connection reset')) } };
    await expect(trackVerification(replicaEffects(k, { jobId: 'v-last', attempt: 1 }, down), result(last))).rejects.toThrow('connection reset');
    expect((await k.bot.services.store.get(incidentId))?.checklist.system_verified.done).toBe(true);
    await trackVerification(replicaEffects(k, { jobId: 'v-last', attempt: 2 }, healthy), result(last));
    expect(verdicts().map((m) => m.text)).toEqual([':white_check_mark: Post-recovery verification passed: every §8.1 check succeeded.']);

    // The host delivers the same result again (a new job): nothing more is said.
    await trackVerification(replicaEffects(k, { jobId: 'v-last-again', attempt: 1 }, healthy), result(last));
    expect(verdicts()).toHaveLength(1);
  });
});
