// Issue 11, finding 9: Slack's top-level `app_rate_limited` notice (not an event_callback) reaches the real
// receiver and is answered 200, as Slack requires of every delivery; the bot keeps working after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

describe('app_rate_limited', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it('is acked with 200 through the real receiver', async () => {
    const answer = await k.emulator.appRateLimited();
    expect(answer.status).toBe(200);
    const help = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
    expect(help.status).toBe(200);
  });
});
