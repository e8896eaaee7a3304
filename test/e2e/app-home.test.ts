// The Home tab end to end: app_home_opened draws it, every change of an incident redraws it for whoever opened
// it, and a private incident never shows on an outsider's tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USERS } from '../../src/sandbox/emulator/default-workspace.js';
import { createSlackEmulator, type SlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import { APP_TOKEN, BOT_TOKEN, eventually, SIGNING_SECRET, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

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

// views.publish is Tier 4 (about 100 a minute for the whole app), and every change redraws the tab of everyone
// who opened it: past the limit the redraws wait out Retry-After, and they must not make the incident wait.
describe('the App Home past Slack’s views.publish limit', () => {
  const viewers = Array.from({ length: 101 }, (_, i) => `U0VIEW${String(i).padStart(4, '0')}`);
  let k: Klaxon;
  let emulator: SlackEmulator;
  // The limits' own clock stands still until the end: a Tier 4 burst of 100 tabs, then nothing refills.
  let limitClock: (() => number) | undefined;
  beforeAll(async () => {
    const frozenAt = Date.now();
    limitClock = () => frozenAt;
    emulator = await createSlackEmulator({
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      channels: [{ name: 'general', botIsMember: false }, { name: 'incidents', botIsMember: true }],
      users: [...DEFAULT_USERS, ...viewers.map((id) => ({ id, name: id.toLowerCase(), realName: id }))],
      // Only views.publish is held; posts and updates are paced by real time as usual.
      rateLimits: { clock: () => limitClock?.() ?? Date.now(), except: ['chat.postMessage', 'chat.update'] },
    });
    k = await startKlaxon({ emulator });
    for (const viewer of viewers) await k.bot.services.homeViewers.add(viewer);
  });
  afterAll(async () => {
    // An hour on: the limits refill, so a redraw still waiting for Retry-After finishes and the bot can stop.
    limitClock = () => Date.now() + 3_600_000;
    await k?.stop();
    await emulator?.close();
  });

  it('posts the incident’s status update while Home tabs wait for Retry-After, and draws every tab after', async () => {
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Disk full on backtest-1' });
    const channel = await eventually(() => k.emulator.channels().find((c) => c.name.includes('disk-full')), 'the incident channel');
    await eventually(() => k.emulator.calls('views.publish').some((c) => c.status === 429), 'Slack answering views.publish 429');

    await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel.id, text: 'update swap is at 95%' });
    await eventually(() => k.emulator.messages(channel.id).some((m) => m.text.includes('swap is at 95%')), 'the status update in the incident channel');
    const drawn = () => new Set(k.emulator.calls('views.publish').filter((c) => c.ok).map((c) => String(c.args['user_id'])));
    expect(drawn().size).toBeLessThan(viewers.length);

    limitClock = () => Date.now() + 60_000;
    await eventually(() => viewers.every((viewer) => drawn().has(viewer)), 'every Home tab drawn once Slack allows it', 20_000);
    expect(JSON.stringify(k.emulator.home(viewers.at(-1) as string)?.view['blocks'])).toContain('Disk full on backtest-1');
  });
});
