// Text as Slack really sends it, through the real receiver: the emulator escapes `&`, `<`, `>` as
// `&amp;`, `&lt;`, `&gt;` and turns @name into `<@U…|name>`, as Slack does for a command with should_escape.
// klaxon decodes once and escapes once on every surface; a mention in an update or a note stays a mention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { command, declareIncident, incident, type Declared } from '../report/incident-journey.js';

const everything = (k: Klaxon, channel: string): string => JSON.stringify(k.emulator.messages(channel).map((m) => [m.text, m.blocks]));

describe('Slack-escaped text end to end', () => {
  let k: Klaxon;
  let d: Declared;
  beforeAll(async () => {
    k = await startKlaxon();
    d = await declareIncident(k, USERS.l1, 'critical', 'DB & cache <prod> down');
  });
  afterAll(async () => k?.stop());

  it('keeps the title as typed: stored decoded, shown escaped once, the channel named without entities', async () => {
    expect((await incident(k, d.incidentId)).title).toBe('DB & cache <prod> down');
    const channel = k.emulator.channel(d.channelId);
    expect(channel?.name).not.toMatch(/amp|-lt-|-gt-/);
    const shown = await eventually(() => {
      const text = everything(k, d.channelId);
      return text.includes('DB & cache <prod> down') || text.includes('DB &amp; cache &lt;prod&gt; down') ? text : undefined;
    }, 'the title in the channel');
    expect(shown).not.toContain('&amp;amp;');
    expect(shown).not.toContain('&amp;lt;');
    expect(channel?.topic ?? '').not.toContain('&amp;amp;');
    expect(channel?.topic ?? '').not.toContain('<prod>');
  });

  it('posts an update with a live mention and its entities escaped once', async () => {
    await command(k, USERS.l1, d.channelId, 'update Asked @sysadmin.suzuki about A&B <now>');
    const update = await eventually(() => k.emulator.messages(d.channelId).find((m) => `${m.text}${JSON.stringify(m.blocks ?? [])}`.includes('about A')), 'the update');
    const text = `${update.text}${JSON.stringify(update.blocks ?? [])}`;
    expect(text).toContain(`<@${USERS.l2}>`);
    expect(text).not.toContain(`&lt;@${USERS.l2}`);
    expect(text).toContain('A&amp;B &lt;now&gt;');
    expect(text).not.toContain('&amp;amp;');
    const stored = (await k.bot.services.store.timelineAll(d.incidentId)).find((e) => e.type === 'update_posted');
    expect(stored).toMatchObject({ text: `Asked <@${USERS.l2}> about A&B <now>` });
  });

  it('keeps a note\'s mention a mention on the timeline', async () => {
    await command(k, USERS.l1, d.channelId, 'note ping @dev.tanaka &amp; co');
    const note = await eventually(async () => (await k.bot.services.store.timelineAll(d.incidentId)).find((e) => e.type === 'note' && e.text.startsWith('ping')), 'the note');
    // Typed `&amp;` arrives as `&amp;amp;` and is decoded once: what was typed comes back.
    expect(note).toMatchObject({ text: `ping <@${USERS.l3}> &amp; co` });
  });
});
