// The "Declare incident" message shortcut end to end: Slack's message_action payload, the declare modal filled
// in from the message, and the message opening the timeline at its own time, which is also the detection time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK, INPUT } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

type Input = { block_id?: string; element?: { initial_value?: string } };

describe('declaring from a message', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it('opens the filled-in modal and puts the message first on the timeline at its own time', async () => {
    const posted = k.emulator.postUserMessage({ userId: USERS.stakeholder, channelId: k.general, text: 'Backtests stuck at 0% since 09:12\nthe nightly run never finished' });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the declaration comes later than the message
    const answer = await k.emulator.messageShortcut({ userId: USERS.l1, channelId: k.general, messageTs: posted.ts, callbackId: CALLBACK.declareFromMessage });
    expect(answer.status).toBe(200);
    const modal = await eventually(() => k.emulator.views().find((v) => v.userId === USERS.l1 && v.state === 'open'), 'the declare modal');
    const inputs = (modal.view['blocks'] as Input[]) ?? [];
    const initial = (block: string) => inputs.find((b) => b.block_id === block)?.element?.initial_value;
    expect(initial(INPUT.title.block)).toBe('Backtests stuck at 0% since 09:12');
    expect(initial(INPUT.description.block)).toContain('the nightly run never finished');
    expect(initial(INPUT.description.block)).toContain(`/archives/${k.general}/p${posted.ts.replace('.', '')}`);
    const shown = initial(INPUT.detectedAt.block);
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const submitted = await k.emulator.submitView({
      userId: USERS.l1,
      viewId: modal.id,
      values: { declare_title: { value: 'Backtests stuck at 0%' }, declare_severity: { value: 'high' }, declare_detected_at: { value: shown as string } },
    });
    expect(submitted.status).toBe(200);
    const messageAt = Math.round(Number(posted.ts) * 1000);
    const incident = await eventually(async () => (await k.bot.services.store.listOpen()).find((i) => i.title === 'Backtests stuck at 0%'), 'the incident');
    expect(incident.detectedAt).toBe(messageAt);
    expect(incident.declaredAt).toBeGreaterThan(messageAt);
    const timeline = await eventually(async () => {
      const events = await k.bot.services.store.timelineAll(incident.id);
      return events.some((e) => e.type === 'pinned') ? events : undefined;
    }, 'the message on the timeline');
    const first = [...timeline].sort((a, b) => a.at - b.at)[0];
    expect(first).toMatchObject({ type: 'pinned', at: messageAt, author: USERS.stakeholder, text: 'Backtests stuck at 0% since 09:12\nthe nightly run never finished' });
    // The declarer hears where the incident lives, through the shortcut's response_url.
    await eventually(() => k.emulator.ephemerals(k.general, USERS.l1).find((e) => e.text.includes(incident.id)), 'the declared reply');
  });

  it('opens the modal for a pasted log full of quotes and backslashes, and keeps the message whole enough for the timeline', async () => {
    // Structured log lines that carry JSON inside JSON: every quote and backslash is escaped again when the
    // message travels in the modal's private_metadata (3,000 characters at most).
    const line = String.raw`{"level":"error","payload":"{\"files\":[\"C:\\\\data\\\\a.csv\",\"C:\\\\data\\\\b.csv\"]}"}`;
    const text = `Fetch failures since 09:12\n${Array.from({ length: 40 }, () => line).join('\n')}`;
    const posted = k.emulator.postUserMessage({ userId: USERS.stakeholder, channelId: k.general, text });
    const answer = await k.emulator.messageShortcut({ userId: USERS.l2, channelId: k.general, messageTs: posted.ts, callbackId: CALLBACK.declareFromMessage });
    expect(answer.status).toBe(200);
    const modal = await eventually(() => k.emulator.views().find((v) => v.userId === USERS.l2 && v.state === 'open'), 'the declare modal');
    expect(String(modal.view['private_metadata']).length).toBeLessThanOrEqual(3000);
    const submitted = await k.emulator.submitView({
      userId: USERS.l2,
      viewId: modal.id,
      values: { declare_title: { value: 'Fetch failures since 09:12' }, declare_severity: { value: 'medium' } },
    });
    expect(submitted.status).toBe(200);
    const incident = await eventually(async () => (await k.bot.services.store.listOpen()).find((i) => i.title === 'Fetch failures since 09:12'), 'the incident');
    const pinned = await eventually(async () => (await k.bot.services.store.timelineAll(incident.id)).find((e) => e.type === 'pinned'), 'the message on the timeline');
    expect(pinned).toMatchObject({ author: USERS.stakeholder });
    expect(text.startsWith((pinned as { text: string }).text.replace(/…$/, ''))).toBe(true);
  });
});
