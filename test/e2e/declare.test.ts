// Journey 1 end to end: a signed slash command through the real Bolt receiver, Redis, the effect queue and
// the Slack emulator over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

describe('/incident declare', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it('opens the channel, invites responders, pins the header, posts the checklist and tells stakeholders', async () => {
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Backtests crash on start' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/inc-\d+ declared/);

    const channel = await eventually(() => k.emulator.channels().find((c) => /^inc-\d{8}-\d{3}-backtests-crash-on-start$/.test(c.name)), 'the incident channel');
    await eventually(() => [USERS.l1, USERS.l2].every((u) => channel.members.includes(u)), 'the declarer and the L2 responders invited');
    const messages = await eventually(() => {
      const all = k.emulator.messages(channel.id);
      return all.length >= 3 ? all : undefined;
    }, 'header, checklist and playbook offer');
    const header = messages[0];
    expect(header?.text).toContain('Backtests crash on start');
    expect(channel.pins).toContain(header?.ts);
    expect(channel.topic).toContain('CRITICAL');
    const checklist = messages[1];
    const buttons = ((checklist?.blocks ?? []) as { type: string; elements?: { type: string }[]; accessory?: { type: string } }[]).flatMap((b) =>
      [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])].filter((e) => e.type === 'button'));
    expect(buttons).toHaveLength(15);

    const announcement = await eventually(() => k.emulator.messages(k.stakeholders).find((m) => m.text.includes('Backtests crash on start')), 'the announcement');
    expect(JSON.stringify(announcement.blocks)).toContain(channel.id);
  });

  it('answers a usage error with a short ephemeral message and writes nothing', async () => {
    const before = k.emulator.channels().length;
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare apocalyptic everything' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.body).toMatch(/not a severity/);
    expect(answer.body).not.toMatch(/at .*\.js:\d+/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(k.emulator.channels().length).toBe(before);
  });
});
