import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeBlock, escapeMrkdwn, fitMrkdwn, fitPlain, inlineCode, inlineMrkdwn, userRef } from '../../src/slack/mrkdwn.js';
import { hostileText, unsafeSequences } from './views/view-fixtures.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<!channel> now', '&lt;!channel&gt; now'],
    ['<@U123> look', '&lt;@U123&gt; look'],
    ['<https://x|y>', '&lt;https://x|y&gt;'],
    ['ping @here and @Channel', 'ping @\u2060here and @\u2060Channel'],
    ['mail me@everyone.example', 'mail me@\u2060everyone.example'],
    ['plain *bold* _it_', 'plain *bold* _it_'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('fitMrkdwn', () => {
  it('keeps mentions in people\'s text live when asked, and escapes everything else', () => {
    const text = 'ask <@U0L2SYS> & <!channel> <https://evil.example|click>';
    expect(fitMrkdwn(text, 200, { mentions: true })).toBe('ask <@U0L2SYS> &amp; &lt;!channel&gt; &lt;https://evil.example|click&gt;');
    expect(fitMrkdwn(text, 200)).toBe('ask &lt;@U0L2SYS&gt; &amp; &lt;!channel&gt; &lt;https://evil.example|click&gt;');
    // a mention is one unit: never cut in half
    expect(fitMrkdwn('ab <@U0L2SYS>', 10, { mentions: true })).toBe('ab …');
  });

  it('leaks nothing but plain mentions from any text', () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 8, max: 3000 }), (text, max) => {
        const out = fitMrkdwn(text, max, { mentions: true });
        expect(out.length).toBeLessThanOrEqual(max);
        expect(unsafeSequences(out.replace(/<@[UW][A-Z0-9]{2,40}>/g, ''))).toEqual([]);
      }),
    );
  });

  it('leaves short text alone and cuts long text with an ellipsis at the limit', () => {
    expect(fitMrkdwn('short', 10)).toBe('short');
    expect(fitMrkdwn('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('never cuts an entity or an emoji in half', () => {
    expect(fitMrkdwn('ab&&&&', 8)).toBe('ab&amp;…');
    expect(fitMrkdwn('👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 13)).toBe('👨‍👩‍👧‍👦…');
  });

  it('breaks ``` so a cut can never leave a code block open', () => {
    expect(fitMrkdwn('```\nrm -rf /\n```', 100)).toBe('`\u200b`\u200b`\nrm -rf /\n`\u200b`\u200b`');
  });

  it('turns blank text into a dash so Slack never gets an empty field', () => {
    expect(fitMrkdwn('  \n ', 10)).toBe('—');
  });

  it('fits any text within the limit and leaks no mention or broadcast', () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 8, max: 3000 }), (text, max) => {
        const out = fitMrkdwn(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.length).toBeGreaterThan(0);
        expect(unsafeSequences(out)).toEqual([]);
      }),
    );
  });
});

describe('inlineMrkdwn', () => {
  it('folds newlines and breaks code fences so user text cannot open a block inside our line', () => {
    const out = inlineMrkdwn('a\n\n```rm -rf```\nb', 100);
    expect(out).not.toContain('\n');
    expect(out).not.toContain('```');
    expect(out.replace(/\u200b/g, '')).toBe('a ```rm -rf``` b');
  });

  it('keeps fences balanced for any input', () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        expect(unsafeSequences(inlineMrkdwn(text, 500))).toEqual([]);
      }),
    );
  });
});

describe('inlineCode', () => {
  it('wraps text in one code span that user backticks cannot close', () => {
    expect(inlineCode('k=``', 50)).toBe('`k=ˋˋ`');
    expect(inlineCode('<@U1>', 50)).toBe('`&lt;@U1&gt;`');
  });
});

describe('fitPlain', () => {
  it('cuts to the limit on one line when asked', () => {
    expect(fitPlain('a\nb', 10, { singleLine: true })).toBe('a b');
    expect(fitPlain('a\nb', 10)).toBe('a\nb');
    expect(fitPlain('abcdef', 4)).toBe('abc…');
  });

  it('stays within the limit for any text', () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 1, max: 200 }), (text, max) => {
        const out = fitPlain(text, max, { singleLine: true });
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.trim().length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('codeBlock', () => {
  it('wraps output in a fence, escaping it and breaking ``` inside', () => {
    const out = codeBlock('ok <tag>\n```\nend', 100);
    expect(out.startsWith('```\n')).toBe(true);
    expect(out.endsWith('\n```')).toBe(true);
    expect(out).toContain('&lt;tag&gt;');
    expect((out.match(/```/g) ?? []).length).toBe(2);
  });

  it('keeps the end of the output in tail mode', () => {
    const out = codeBlock(`${'a'.repeat(5000)}ERROR at the end`, 100, 'tail');
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toContain('ERROR at the end');
    expect(out).toContain('…');
  });

  it('always closes its fence within the limit', () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 20, max: 3000 }), fc.constantFrom('head', 'tail') as fc.Arbitrary<'head' | 'tail'>, (text, max, from) => {
        const out = codeBlock(text, max, from);
        expect(out.length).toBeLessThanOrEqual(max);
        expect((out.match(/```/g) ?? []).length).toBe(2);
        expect(unsafeSequences(out)).toEqual([]);
      }),
    );
  });
});

describe('userRef', () => {
  it.each([
    ['U0ALICE', '<@U0ALICE>'],
    ['W0BOB', '<@W0BOB>'],
    ['S0ONCALL', '<!subteam^S0ONCALL>'],
    ['klaxon', 'klaxon'],
    ['<!channel>', '&lt;!channel&gt;'],
  ])('%s → %s', (id, expected) => {
    expect(userRef(id)).toBe(expected);
  });
});
