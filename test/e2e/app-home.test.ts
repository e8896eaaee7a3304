// The Home tab end to end: app_home_opened draws it, every change of an incident redraws it for whoever opened
// it, and a private incident never shows on an outsider's tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

describe('the App Home', () => {
  let k: Klaxon;
  const homeText = (user: string): string => JSON.stringify(k.emulator.home(user)?.view['blocks'] ?? []);
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it('is drawn on opening, with a Declare button', async () => {
    const answer = await k.emulator.openAppHome({ userId: USERS.l2 });
    expect(answer.status).toBe(200);
    await eventually(() => k.emulator.home(USERS.l2), 'the Home tab published');
    expect(homeText(USERS.l2)).toContain('home_declare');
  });

  it('shows a new incident and then its change, with its channel and due times', async () => {
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Optimizer hangs at 100% CPU' });
    const channel = await eventually(() => k.emulator.channels().find((c) => c.name.includes('optimizer-hangs')), 'the incident channel');
    await eventually(() => homeText(USERS.l2).includes('Optimizer hangs') && homeText(USERS.l2).includes(`<#${channel.id}>`), 'the incident on L2’s Home tab');
    const shown = homeText(USERS.l2);
    expect(shown).toContain('<!date^'); // the clocks as due times
    expect(shown).toContain(`<@${USERS.l1}>`); // the lead
    expect(shown).toContain('Declared');

    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel.id, text: 'resolve' });
    await eventually(() => /Optimizer hangs[^\]]*Resolved/.test(homeText(USERS.l2)), 'the Home tab showing the incident resolved');
  });

  it('hides a private incident from an outsider and shows it to its responders', async () => {
    await k.emulator.openAppHome({ userId: USERS.stakeholder });
    await eventually(() => k.emulator.home(USERS.stakeholder), 'the stakeholder’s Home tab');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Suspicious SSH logins --private' });
    // Declared after the private one: once it shows, the private one was in every redraw too.
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare low Slow report page' });
    await eventually(() => homeText(USERS.stakeholder).includes('Slow report page'), 'the later public incident on the outsider’s tab');
    expect(homeText(USERS.stakeholder)).not.toContain('Suspicious SSH');
    await eventually(() => homeText(USERS.l2).includes('Suspicious SSH'), 'the private incident on a responder’s tab');
  });
});
