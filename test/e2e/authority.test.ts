// Who may change an incident, through the real bot: the stakeholder is refused with the command, the role
// and whom to ask; the commander (the declarer) and named responders go ahead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_MS as GROUPS_RETRY_MS } from '../../src/slack/user-groups.js';
import { eventually, harnessEmulator, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { command, declareIncident, incident } from '../report/incident-journey.js';

describe('authority over an incident (sandbox policy, ja)', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ locale: 'ja' });
  });
  afterAll(async () => k?.stop());

  it('refuses the stakeholder resolve and close; responders do them', { timeout: 60_000 }, async () => {
    const d = await declareIncident(k, USERS.l1, 'critical', 'Backtests crash on start');
    expect((await incident(k, d.incidentId)).roles.commander).toBe(USERS.l1);

    const resolveRefused = await command(k, USERS.stakeholder, d.channelId, 'resolve');
    expect(resolveRefused).toContain('`/incident resolve` は対応責任者または対応担当のみ実行できます。');
    expect(resolveRefused).toContain(`依頼先：<@${USERS.l1}>、<!subteam^S0L1>`);
    expect((await incident(k, d.incidentId)).status).not.toBe('resolved');

    expect(await command(k, USERS.l2, d.channelId, 'resolve')).toContain('復旧を記録しました');
    expect((await incident(k, d.incidentId)).status).toBe('resolved');
    // `close` opens a modal, so it answers through the response URL: an ephemeral, and no modal.
    const views = k.emulator.views().length;
    await command(k, USERS.stakeholder, d.channelId, 'close');
    await eventually(() => k.emulator.ephemerals(d.channelId, USERS.stakeholder).find((e) => e.text.includes('`/incident close` は対応責任者または対応担当のみ実行できます。')), 'the refusal of close');
    expect(k.emulator.views()).toHaveLength(views);

    const denied = (await k.bot.services.audit.read({ count: 1000 })).filter((entry) => entry.incidentId === d.incidentId && entry.decision === 'denied');
    expect(denied.map((entry) => entry.action)).toEqual(['resolve', 'close']);
  });
});

describe('user groups for role checks', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it('are listed once the bot is up, so the first role check does not wait on Slack', { timeout: 60_000 }, async () => {
    const listings = () => k.emulator.calls().filter((c) => c.method === 'usergroups.list');
    // Nobody has sent anything yet.
    await eventually(() => listings().find((c) => c.ok), 'the user groups listed at start');
    const d = await declareIncident(k, USERS.l1, 'critical', 'Backtests crash on start');
    // The L2 group (not a named user) is what lets this responder resolve: the check used the list from the start.
    expect(await command(k, USERS.l2, d.channelId, 'resolve')).toContain('Recovery recorded');
    expect(listings()).toHaveLength(1);
  });
});

describe('user groups Slack would not list as the bot started', () => {
  it('are listed again within seconds, not minutes, and a role check until then waits for the next try', { timeout: 60_000 }, async () => {
    const clock = { skew: 0 };
    const now = () => Date.now() + clock.skew;
    const emulator = await harnessEmulator({ now });
    emulator.faults.add({ method: 'usergroups.list', kind: 'http_error', status: 503, times: 1 });
    const k = await startKlaxon({ emulator, now });
    try {
      const listings = () => emulator.calls().filter((c) => c.method === 'usergroups.list');
      await eventually(() => listings().length > 0, 'the listing at start');
      expect(listings().filter((c) => c.ok)).toEqual([]);
      const d = await declareIncident(k, USERS.l1, 'critical', 'Backtests crash on start');
      // Before the next try nobody's groups are known: the refusal says the role could not be checked, not that
      // this responder lacks it.
      const early = await command(k, USERS.l2, d.channelId, 'resolve');
      expect(early).toContain('klaxon could not check your role: Slack has not listed the user groups yet');
      expect(early).not.toContain('Recovery recorded');
      // The L2 group is what lets this responder resolve; the next try lists it.
      clock.skew += GROUPS_RETRY_MS + 1_000;
      expect(await command(k, USERS.l2, d.channelId, 'resolve')).toContain('Recovery recorded');
      expect(listings().filter((c) => c.ok)).toHaveLength(1);
    } finally {
      await k.stop();
      await emulator.close();
    }
  });

  it('does not hold a request past a second for a listing Slack is slow to answer', { timeout: 60_000 }, async () => {
    const emulator = await harnessEmulator();
    emulator.faults.add({ method: 'usergroups.list', kind: 'delay', ms: 8_000, times: 1 });
    const k = await startKlaxon({ emulator });
    try {
      const d = await declareIncident(k, USERS.l1, 'critical', 'Backtests crash on start');
      const started = Date.now();
      // The L2 group is not known yet: refused, saying so, and answered well within Slack's 3 s.
      const answer = await command(k, USERS.l2, d.channelId, 'resolve');
      expect(answer).not.toContain('Recovery recorded');
      expect(answer).toContain('klaxon could not check your role');
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await k.stop();
      await emulator.close();
    }
  });
});
