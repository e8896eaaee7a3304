// The Home tab drawn by two bot replicas at once, on the real bot, Redis and the Slack emulator: a draw from the
// incidents as they were must not land over a draw from the incidents as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishHome } from '../../../src/slack/effects/publish-home.js';
import type { SlackApi } from '../../../src/slack/slack-api.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../../support/klaxon-harness.js';
import { emulatorSlackApi, replicaEffects } from '../../support/replica-effects.js';

describe('publishHome across replicas', () => {
  let k: Klaxon;
  const homeText = (user: string): string => JSON.stringify(k.emulator.home(user)?.view['blocks'] ?? []);
  const slackIdle = () =>
    eventually(async () => Object.values(await k.bot.producers.slack.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0), 'the Slack queue drained');
  const declare = async (title: string) => {
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: `declare low ${title}` });
    await eventually(() => homeText(USERS.l2).includes(title), `${title} on the Home tab`);
    await slackIdle();
  };

  beforeAll(async () => {
    k = await startKlaxon();
    await k.emulator.openAppHome({ userId: USERS.l2 });
    await eventually(() => k.emulator.home(USERS.l2), 'the Home tab drawn');
  });
  afterAll(async () => k?.stop());

  it('draws again from the incidents as they are now when another replica drew the tab after it read them', async () => {
    await declare('Nightly batch late');
    // Replica B has read the incidents and is on its way to Slack when the bot (replica A) declares another
    // incident and redraws the tab with it.
    const slack = emulatorSlackApi(k);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = () => {};
    const atSlack = new Promise<void>((resolve) => (reached = resolve));
    let draws = 0;
    const slow: SlackApi = {
      ...slack,
      views: {
        ...slack.views,
        publish: async (args) => {
          draws += 1;
          if (draws === 1) {
            reached();
            await held;
          }
          return slack.views.publish(args);
        },
      },
    };
    const replicaB = publishHome(replicaEffects(k, undefined, slow), USERS.l2);
    await atSlack;
    await declare('Disk almost full');
    release();
    await replicaB;
    await slackIdle();
    expect(homeText(USERS.l2)).toContain('Disk almost full');
    expect(draws).toBe(2);
  });

  it('draws over a tab whose kept hash is stale (a replica died before keeping its own)', async () => {
    await k.bot.services.homeViewers.keepTabHash(USERS.l2, 'a-hash-of-a-draw-nobody-kept');
    await declare('Report page slow');
    // The bot's own redraw above met the stale hash too, and drew all the same.
    expect(await k.bot.services.homeViewers.tabHash(USERS.l2)).toBe(k.emulator.home(USERS.l2)?.hash);
    await publishHome(replicaEffects(k), USERS.l2);
    expect(homeText(USERS.l2)).toContain('Report page slow');
    expect(await k.bot.services.homeViewers.tabHash(USERS.l2)).toBe(k.emulator.home(USERS.l2)?.hash);
  });
});
