// A thousand people acting on one incident at once, through the real receiver: every action answered as
// saved is in the record exactly once and in no other state, and every answer comes before Slack's
// three-second timeout (Bolt answers 404 at that point, so a 200 is the in-time proof).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotAnswer } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION, checklistBlockId } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { declaredInSlack } from '../support/declared-in-slack.js';

const N = 1_000;

describe('a thousand simultaneous actions on one incident', () => {
  // A bot per storm: the second storm must not reuse connections the first one's server is closing.
  let k: Klaxon;
  beforeEach(async () => {
    k = await startKlaxon();
  }, 60_000);
  afterEach(async () => {
    await k?.stop();
  }, 60_000);

  const declared = (title: string) => declaredInSlack(k, `high ${title}`, ['checklist']);

  const answered = (answers: readonly BotAnswer[]) => {
    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    return { statuses: [...new Set(answers.map((a) => a.status))], p50: ms[Math.floor(ms.length / 2)], slowestMs: ms[ms.length - 1] };
  };

  it('records every note answered as saved, and no other', { timeout: 180_000 }, async () => {
    const { id, channel } = await declared('Note storm');
    const answers = await Promise.all(
      Array.from({ length: N }, (_, n) => k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: `note storm-${n}` }).catch(() => undefined)),
    );
    // On an overloaded machine the kernel may reset a connection: that request got no answer at all.
    const got = answers.filter((a): a is BotAnswer => a !== undefined);
    const unanswered = answers.flatMap((a, n) => (a === undefined ? [`storm-${n}`] : []));
    console.log('notes', answered(got), 'unanswered', unanswered.length);
    expect(answered(got).statuses).toEqual([200]);
    const saved = answers.flatMap((a, n) => (a && /Note added|Saved;/.test(a.body) ? [`storm-${n}`] : []));
    const refused = got.filter((a) => /Not saved/.test(a.body));
    expect(saved.length + refused.length + unanswered.length).toBe(N);
    // Saved answers may leave the fold to a moment later; wait for it, then compare exactly.
    const notes = await eventually(async () => {
      const all = (await k.bot.services.store.timelineAll(id)).flatMap((e) => (e.type === 'note' ? [e.text] : []));
      return all.length >= saved.length ? all : undefined;
    }, 'every saved note folded');
    expect(new Set(notes).size).toBe(notes.length);
    const extra = notes.filter((text) => !saved.includes(text));
    expect(extra.every((text) => unanswered.includes(text))).toBe(true);
    expect(saved.every((text) => notes.includes(text))).toBe(true);
  });

  it('records every click answered with 200 and no "not saved" reply, and no other', { timeout: 180_000 }, async () => {
    const { id, channel, checklistTs } = await declared('Click storm');
    const all = await Promise.all(
      Array.from({ length: N }, () =>
        k.emulator
          .clickButton({ userId: USERS.l3, channelId: channel, messageTs: checklistTs, actionId: ACTION.checklistToggle, blockId: checklistBlockId('root_cause') })
          .catch(() => undefined),
      ),
    );
    // As with the notes: a connection the kernel reset got no answer at all, and Slack would show an error.
    const answers = all.filter((a): a is BotAnswer => a !== undefined);
    const unanswered = N - answers.length;
    console.log('clicks', answered(answers), 'unanswered', unanswered);
    expect(answered(answers).statuses).toEqual([200]);
    const notSaved = await eventually(() => {
      const replies = k.emulator.ephemerals(channel, USERS.l3);
      return replies.length === 0 || replies.every((r) => /Not saved/.test(r.text)) ? replies.length : undefined;
    }, 'only "not saved" replies, if any');
    const toggles = await eventually(async () => {
      const all = (await k.bot.services.store.timelineAll(id)).filter(
        (e) => (e.type === 'checklist_ticked' || e.type === 'checklist_unticked') && e.item === 'root_cause' && e.by === USERS.l3,
      );
      return all.length >= N - notSaved - unanswered ? all : undefined;
    }, 'every saved click folded');
    // Every click answered 200 without "not saved" is applied; an unanswered one may or may not have been.
    expect(toggles.length).toBeGreaterThanOrEqual(N - notSaved - unanswered);
    expect(toggles.length).toBeLessThanOrEqual(N - notSaved);
    expect(new Set(toggles.map((e) => e.id)).size).toBe(toggles.length);
    // Applied in order: ticks and unticks alternate, and the item ends as the parity says.
    expect(toggles.every((e, n) => e.type === (n % 2 === 0 ? 'checklist_ticked' : 'checklist_unticked'))).toBe(true);
    const incident = await k.bot.services.store.get(id);
    expect(incident?.checklist.root_cause.done).toBe(toggles.length % 2 === 1);
  });
});
