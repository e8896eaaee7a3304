import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSlackEntities, fromSlackText, textParts } from '../../src/domain/text.js';

// The `text` field of slash-command bodies as Slack posts them (form-encoded, `should_escape: true`).
const slackBody = (encoded: string): string => new URLSearchParams(encoded).get('text') ?? '';

describe('fromSlackText', () => {
  it.each([
    // `/incident declare critical DB & cache` typed in Slack
    ['text=declare+critical+DB+%26amp%3B+cache', 'declare critical DB & cache'],
    // `a <b> c` typed: brackets arrive as entities
    ['text=note+a+%26lt%3Bb%26gt%3B+c', 'note a <b> c'],
    // `&amp;` typed literally arrives double-escaped and is decoded once, to what was typed
    ['text=note+%26amp%3Bamp%3B+and+%26amp%3Blt%3B', 'note &amp; and &lt;'],
    // a mention picked from the autocomplete
    ['text=update+ask+%3C%40U0L2SYS%7Csysadmin.suzuki%3E+now', 'update ask <@U0L2SYS> now'],
    // a link the client made, and a channel
    ['text=note+see+%3Chttps%3A%2F%2Fevil.example%7Cclick+me%3E+in+%3C%23C0GEN%7Cgeneral%3E', 'note see click me (https://evil.example) in #general'],
    ['text=note+%3Chttps%3A%2F%2Fgrafana.example%2Fd%2F1%3E', 'note https://grafana.example/d/1'],
    // @channel typed with should_escape becomes a token: we keep the words, never the broadcast
    ['text=update+%3C%21channel%3E+down', 'update @channel down'],
    ['text=update+%3C%21subteam%5ES0OPS%7C%40ops%3E+look', 'update @ops look'],
    // a typed `<@U1>` arrives as entities and reads as the mention it spells
    ['text=note+%26lt%3B%40U0L1OPS%26gt%3B', 'note <@U0L1OPS>'],
    // Japanese passes through untouched
    ['text=declare+%E7%B7%8A%E6%80%A5+DB%26amp%3B%E3%82%AD%E3%83%A3%E3%83%83%E3%82%B7%E3%83%A5', 'declare 緊急 DB&キャッシュ'],
  ])('%s → %j', (body, expected) => {
    expect(fromSlackText(slackBody(body))).toBe(expected);
  });

  it('decodes entities exactly once: whatever was typed comes back', () => {
    // What Slack does to typed text (no tokens: brackets are escaped), undone by fromSlackText.
    const slackEscape = (typed: string): string => typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (typed) => {
        const back = fromSlackText(slackEscape(typed));
        // Only a typed mention changes shape; everything else is exactly what was typed.
        if (!/<@[UW]/.test(typed)) expect(back).toBe(typed);
      }),
    );
  });
});

describe('decodeSlackEntities', () => {
  it('decodes the three entities and nothing else', () => {
    expect(decodeSlackEntities('&amp;amp; &lt;&gt; &quot; &#39;')).toBe('&amp; <> &quot; &#39;');
  });
});

describe('textParts', () => {
  it('splits mentions from text', () => {
    expect(textParts('<@U1AB> and <@W2CD>!')).toEqual([
      { kind: 'mention', user: 'U1AB' },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', user: 'W2CD' },
      { kind: 'text', text: '!' },
    ]);
    expect(textParts('<!channel> <@bob>')).toEqual([{ kind: 'text', text: '<!channel> <@bob>' }]);
  });
});
