// A thousand people acting on one incident at once, through the real receiver: every action answered as
// saved is in the record exactly once and in no other state. An answer in time is a 200 (Bolt answers 404 at
// three seconds). Slack gives up on an answer after three seconds, and so does the emulator: on a starved
// machine some of the storm can take longer, and those people saw an error, as with a connection the kernel
// reset: their action may or may not have been applied, at most once. How fast the storm is answered is the
// `resilience` bench's to say, not this test's.
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

  // Answered in time; a connection reset (undefined) or Slack's timeout leaves the person without an answer.
  const inTime = (answer: BotAnswer | undefined): answer is BotAnswer => answer !== undefined && !(answer.status === 0 && answer.body === 'operation_timeout');

  const answered = (answers: readonly BotAnswer[]) => {
    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    return { statuses: [...new Set(answers.map((a) => a.status))], p50: ms[Math.floor(ms.length / 2)], slowestMs: ms[ms.length - 1] };
  };

  it('records every note answered as saved, and no other', { timeout: 180_000 }, async () => {
    const { id, channel } = await declared('Note storm');
    const answers = await Promise.all(
      Array.from({ length: N }, (_, n) => k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: `note storm-${n}` }).catch(() => undefined)),
    );
    // On an overloaded machine the kernel may reset a connection, or the answer may come after Slack gave up.
    const got = answers.filter(inTime);
    const unanswered = answers.flatMap((a, n) => (inTime(a) ? [] : [`storm-${n}`]));
    console.log('notes', answered(got), 'unanswered', unanswered.length);
    expect(answered(got).statuses).toEqual([200]);
    const saved = answers.flatMap((a, n) => (inTime(a) && /Note added|Saved;/.test(a.body) ? [`storm-${n}`] : []));
    expect(saved.length).toBeGreaterThan(0);
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
    // As with the notes: a reset connection or Slack's timeout left the person with an error.
    const answers = all.filter(inTime);
    const unanswered = N - answers.length;
    console.log('clicks', answered(answers), 'unanswered', unanswered);
    expect(answered(answers).statuses).toEqual([200]);
    expect(answers.length).toBeGreaterThan(0);
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
