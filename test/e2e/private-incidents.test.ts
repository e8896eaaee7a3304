// Private incidents (runbook §4.3): a private channel with only the policy's responders, an announcement that
// names no title, and nothing of it in an outsider's `/incident list`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { command } from '../report/incident-journey.js';

const TITLE = 'Leaked API key in the strategy logs';

describe('a private incident', () => {
  let k: Klaxon;
  let channelId = '';
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it('gets a private channel with the responders only, and stakeholders hear no title', async () => {
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: `declare critical ${TITLE} --private` });
    expect(answer.body).toMatch(/inc-\d+ declared/);
    const channel = await eventually(() => k.emulator.channels().find((c) => c.name.includes('leaked-api-key')), 'the incident channel');
    expect(channel.isPrivate).toBe(true);
    channelId = channel.id;
    await eventually(() => k.emulator.messages(channel.id).length >= 3 && channel.members.includes(USERS.l2), 'setup done, L2 invited');
    expect(channel.members).not.toContain(USERS.stakeholder);
    expect(channel.members).not.toContain(USERS.l3);

    const announced = await eventually(() => k.emulator.messages(k.stakeholders).find((m) => /private/i.test(m.text)), 'the stakeholder announcement');
    const shown = JSON.stringify([announced.text, announced.blocks]);
    expect(shown).not.toContain('Leaked');
    expect(shown).not.toContain(channel.id);
    expect(shown).toMatch(/private critical incident is open/i);
    expect(shown).toContain(`<@${USERS.l1}>`);
    expect(JSON.stringify(k.emulator.messages(k.stakeholders))).not.toContain('Leaked');
  });

  it('keeps a status update inside: the stakeholders get no copy of its text', async () => {
    const update = 'Rotated the key; the attacker came in through the strategy log share';
    expect(await command(k, USERS.l1, channelId, `update ${update}`)).toMatch(/posted/i);
    await eventually(() => JSON.stringify(k.emulator.messages(channelId).map((m) => m.blocks)).includes('Rotated the key'), 'the update in the incident channel');
    // Both copies are queued together: a copy for the stakeholders would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(JSON.stringify(k.emulator.messages(k.stakeholders))).not.toContain('Rotated the key');
  });

  it('tells the stakeholders of its recovery without its title or channel', async () => {
    expect(await command(k, USERS.l1, channelId, 'resolve')).toMatch(/recovery/i);
    const told = await eventually(() => k.emulator.messages(k.stakeholders).find((m) => /recorded the recovery/.test(JSON.stringify(m.blocks))), 'the change told to the stakeholders');
    expect(JSON.stringify([told.text, told.blocks])).not.toContain(channelId);
    expect(JSON.stringify(k.emulator.messages(k.stakeholders))).not.toContain('Leaked');
    await eventually(() => JSON.stringify(k.emulator.messages(channelId).map((m) => m.blocks)).includes('recorded the recovery'), 'the change told in the channel');
  });

  it('is missing from an outsider’s /incident list and present in a responder’s', async () => {
    const outsider = await k.emulator.slashCommand({ userId: USERS.stakeholder, channelId: k.general, text: 'list' });
    expect(outsider.status).toBe(200);
    expect(outsider.body).not.toContain('Leaked');
    const responder = await k.emulator.slashCommand({ userId: USERS.l2, channelId: k.general, text: 'list' });
    expect(responder.body).toContain('Leaked');
  });

  it('is private when the declare modal’s box is ticked', async () => {
    await k.emulator.slashCommand({ userId: USERS.l2, channelId: k.general, text: 'declare' });
    const modal = await eventually(() => k.emulator.views().find((v) => v.userId === USERS.l2 && v.state === 'open'), 'the declare modal');
    const submitted = await k.emulator.submitView({
      userId: USERS.l2,
      viewId: modal.id,
      values: {
        declare_title: { value: 'Odd admin logins' },
        declare_severity: { value: 'high' },
        declare_private: { value: ['private'] },
      },
    });
    expect(submitted.status).toBe(200);
    const channel = await eventually(() => k.emulator.channels().find((c) => c.name.includes('odd-admin-logins')), 'the incident channel');
    expect(channel.isPrivate).toBe(true);
    await eventually(() => k.emulator.messages(k.stakeholders).filter((m) => /private high/i.test(m.text)).length === 1, 'the title-less announcement');
    expect(JSON.stringify(k.emulator.messages(k.stakeholders))).not.toContain('Odd admin');
  });
});
