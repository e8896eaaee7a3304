// Redis high availability: klaxon finds its primary through three Sentinels, and kill -9 of the primary under
// load loses nothing it acknowledged. The replicas lag just before the kill (relays hold the primary's stream,
// as a slow link would), which is when asynchronous replication loses writes: an action is answered "saved"
// only once a replica holds it (WAIT), so what the primary alone held was answered "not saved". After the
// failover the new primary has the other replica to wait for, and klaxon keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotAnswer } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION, checklistBlockId } from '../../src/slack/ids.js';
import { storeKeys } from '../../src/store/keys.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { startSentinelGroup, type SentinelGroup } from '../support/sentinel-group.js';

const NOTE_SENDERS = 8;
const CLICK_SENDERS = 2;

describe('a Redis primary killed under load behind Sentinel', () => {
  let group: SentinelGroup;
  let k: Klaxon;
  beforeAll(async () => {
    group = await startSentinelGroup();
    // No REDIS_URL: the bot and the worker ask the Sentinels for the primary.
    k = await startKlaxon({ worker: true, env: { REDIS_URL: '', REDIS_SENTINELS: group.sentinels, REDIS_SENTINEL_NAME: group.name } });
  }, 120_000);
  afterAll(async () => {
    await k?.stop();
    await group?.stop();
  }, 120_000);

  it('follows the failover and keeps every acknowledged action', { timeout: 480_000 }, async () => {
    const declared = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Redis primary dies' });
    const id = /(inc-\d+) declared/.exec(declared.body)?.[1] as string;
    const links = await eventually(async () => {
      const all = await k.bot.services.store.getLinks(id);
      return all['checklist'] && all['channel'] ? all : undefined;
    }, 'the incident channel', 120_000);
    const channel = links['channel'] as string;

    const notes: { text: string; answer?: BotAnswer; sentAt: number }[] = [];
    const clicks: (BotAnswer | undefined)[] = [];
    let sending = true;
    const phase = { now: 0 };
    const noteSenders = Array.from({ length: NOTE_SENDERS }, async () => {
      while (sending) {
        const note: (typeof notes)[number] = { text: `failover-${notes.length + 1}`, sentAt: phase.now };
        notes.push(note);
        note.answer = await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: `note ${note.text}` }).catch(() => undefined);
      }
    });
    const clickSenders = Array.from({ length: CLICK_SENDERS }, async () => {
      while (sending) {
        const answer = await k.emulator
          .clickButton({ userId: USERS.l3, channelId: channel, messageTs: links['checklist'] as string, actionId: ACTION.checklistToggle, blockId: checklistBlockId('root_cause') })
          .catch(() => undefined);
        clicks.push(answer);
      }
    });
    const saved = (n: (typeof notes)[number]) => n.answer?.status === 200 && /Note added|Saved;/.test(n.answer.body);
    const answeredIn = (p: number) => notes.filter((n) => n.sentAt === p && n.answer);

    async function sendThroughTheFailover(): Promise<void> {
      await eventually(() => notes.filter(saved).length >= 30, 'notes saved before the failure', 120_000);
      // The replica falls behind, then the primary dies with writes only it held.
      phase.now = 1;
      group.holdReplication(true);
      await eventually(() => answeredIn(1).length >= 10, 'notes answered while the replica lags', 120_000);
      group.primary.process.kill('SIGKILL');
      phase.now = 2;
      const promoted = await eventually(async () => {
        const port = await group.primaryPort().catch(() => 0);
        return group.replicas.some((r) => r.port === port) && port;
      }, 'the Sentinels to promote a replica', 120_000).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${group.sentinelLog()}`);
      });
      console.log(`promoted the replica on port ${promoted}`);
      phase.now = 3;
      await eventually(() => answeredIn(3).filter(saved).length >= 20, 'notes saved after the failover', 120_000);
    }
    try {
      await sendThroughTheFailover();
    } finally {
      // A step that timed out must not leave the senders running: they would keep the bot from stopping.
      sending = false;
      await Promise.all([...noteSenders, ...clickSenders]);
    }

    const savedNotes = notes.filter(saved).map((n) => n.text);
    const refused = notes.filter((n) => n.answer && /Not saved/.test(n.answer.body)).map((n) => n.text);
    const lagging = answeredIn(1);
    console.log(
      `${notes.length} notes: ${savedNotes.length} saved, ${refused.length} not saved; while lagging ${lagging.filter(saved).length} saved, ` +
        `${lagging.filter((n) => /Not saved/.test(n.answer?.body ?? '')).length} not saved; ${clicks.length} clicks`,
    );
    // Intents nobody confirmed (the confirm died with the primary) are folded after the grace period.
    await eventually(async () => !(await k.bot.redis.sismember(storeKeys(k.config.redisPrefix).unfolded, id)), 'every intent decided', 120_000);
    const recorded = new Set((await k.bot.services.store.timelineAll(id)).flatMap((e) => (e.type === 'note' ? [e.text] : [])));
    expect(savedNotes.filter((text) => !recorded.has(text))).toEqual([]);
    expect(refused.filter((text) => recorded.has(text))).toEqual([]);

    // Every click acknowledged without a "not saved" reply is applied.
    const acknowledged = clicks.filter((a) => a?.status === 200).length;
    const notSavedClicks = k.emulator.ephemerals(channel, USERS.l3).filter((e) => /Not saved/.test(e.text)).length;
    const toggles = (await k.bot.services.store.timelineAll(id)).filter((e) => (e.type === 'checklist_ticked' || e.type === 'checklist_unticked') && e.item === 'root_cause');
    expect(toggles.length).toBeGreaterThanOrEqual(acknowledged - notSavedClicks);
    expect(new Set(toggles.map((e) => e.id)).size).toBe(toggles.length);

    // klaxon keeps serving: a diagnostic runs through the worker, which found the new primary too.
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'run env.python-version' });
    await eventually(() => k.emulator.messages(channel).find((m) => /Succeeded/.test(m.text) && m.text.includes('Python')), 'the run result after the failover', 120_000);
  });
});
