// Stopping the bot (what SIGTERM does) in the middle of a click burst: every click answered 200 without a
// "not saved" reply is in the record once the next bot has started, and nothing else is.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSlackEmulator, type SlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import type { BotAnswer } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION, checklistBlockId } from '../../src/slack/ids.js';
import { APP_TOKEN, BOT_TOKEN, eventually, SIGNING_SECRET, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const CLICKS = 300;

describe('graceful shutdown during a click burst', () => {
  let emulator: SlackEmulator | undefined;
  const bots: Klaxon[] = [];
  afterAll(async () => {
    for (const bot of bots) await bot.stop().catch(() => undefined);
    await emulator?.close();
  });

  it('loses no acknowledged click', { timeout: 120_000 }, async () => {
    emulator = await createSlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN, channels: [{ name: 'general' }, { name: 'incidents' }] });
    const redisPrefix = `t${randomUUID().slice(0, 8)}`;
    const first = await startKlaxon({ emulator, redisPrefix });
    bots.push(first);
    const declared = await emulator.slashCommand({ userId: USERS.l1, channelId: first.general, text: 'declare high Shutdown mid-burst' });
    const id = /(inc-\d+) declared/.exec(declared.body)?.[1] as string;
    const links = await eventually(async () => {
      const all = await first.bot.services.store.getLinks(id);
      return all['checklist'] ? all : undefined;
    }, 'the checklist');
    const channel = links['channel'] as string;

    const answers: (BotAnswer | undefined)[] = [];
    const burst = Array.from({ length: CLICKS }, (_, n) =>
      emulator!
        .clickButton({ userId: USERS.l2, channelId: channel, messageTs: links['checklist'] as string, actionId: ACTION.checklistToggle, blockId: checklistBlockId('root_cause') })
        .then(
          (answer) => (answers[n] = answer),
          () => (answers[n] = undefined),
        ),
    );
    // Stop while the burst is being answered: some clicks are done, some in flight, some not yet accepted.
    await eventually(() => answers.filter(Boolean).length >= 20, 'the first answers', 60_000);
    await first.bot.stop();
    await Promise.all(burst);
    bots.splice(0);

    const acknowledged = answers.filter((a) => a?.status === 200).length;
    const notSaved = emulator.ephemerals(channel, USERS.l2).filter((e) => /Not saved/.test(e.text)).length;
    console.log(`${acknowledged} of ${CLICKS} clicks answered 200 before the stop, ${notSaved} of them "not saved"`);
    expect(acknowledged).toBeGreaterThan(0);

    // The next bot on the same Redis folds whatever the first left; the record then holds exactly the saved clicks.
    const second = await startKlaxon({ emulator, redisPrefix });
    bots.push(second);
    const toggles = await eventually(async () => {
      const all = (await second.bot.services.store.timelineAll(id)).filter((e) => (e.type === 'checklist_ticked' || e.type === 'checklist_unticked') && e.item === 'root_cause');
      return all.length >= acknowledged - notSaved ? all : undefined;
    }, 'every acknowledged click in the record', 30_000);
    expect(toggles).toHaveLength(acknowledged - notSaved);
  });
});
