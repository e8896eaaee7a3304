import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type Lookup = { userName: (id: string) => string | null; channelName: (id: string) => string | null; groupHandle: (id: string) => string | null };
const modulePath = '../../../src/sandbox/console/mrkdwn.js';
const { renderMrkdwn, escapeHtml } = (await import(modulePath)) as {
  renderMrkdwn: (text: string, lookup?: Lookup) => string;
  escapeHtml: (text: string) => string;
};

const lookup: Lookup = {
  userName: (id) => ({ U0L1OPS: 'ops.sato' })[id] ?? null,
  channelName: (id) => ({ C0INC: 'inc-20261130-001-db' })[id] ?? null,
  groupHandle: (id) => ({ S0L2: 'l2-sysadmin' })[id] ?? null,
};

describe('renderMrkdwn (the console front end)', () => {
  it.each([
    ['*bold* and _italic_ and ~gone~', '<strong>bold</strong> and <em>italic</em> and <del>gone</del>'],
    ['run `tail -n 5` now', 'run <code>tail -n 5</code> now'],
    ['```\nexit 1\n<tag>\n```', '<pre class="code-block">exit 1\n&lt;tag&gt;\n</pre>'],
    ['<https://example.org/a?b=1&amp;c=2|the dashboard>', '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the dashboard</a>'],
    ['<@U0L1OPS> took it', '<span class="mention">@ops.sato</span> took it'],
    ['see <#C0INC>', 'see <span class="mention channel-ref">#inc-20261130-001-db</span>'],
    ['paging <!subteam^S0L2>', 'paging <span class="mention">@l2-sysadmin</span>'],
    ['a &lt;b&gt; &amp; c', 'a &lt;b&gt; &amp; c'],
    ['line one\n&gt; quoted', 'line one<br><blockquote>quoted</blockquote>'],
    ['<javascript:alert(1)|click>', 'click'],
    ['<script>alert(1)</script>', 'scriptalert(1)/script'],
    ['5*3*2 and snake_case_name', '5*3*2 and snake_case_name'],
    [':pushpin: pinned, :not_an_emoji: kept', '📌 pinned, :not_an_emoji: kept'],
  ])('renders %j', (input, html) => {
    expect(renderMrkdwn(input, lookup)).toBe(html);
  });

  it('formats <!date^…> and keeps the fallback as its title', () => {
    const html = renderMrkdwn('due <!date^1764400000^{date_num}|2025-11-29 07:06 UTC>', lookup);
    expect(html).toMatch(/^due <time class="date" title="2025-11-29 07:06 UTC">\d{4}-\d{2}-\d{2}<\/time>$/);
  });

  it('never lets a tag through that it did not write itself', () => {
    const allowed = /^<\/?(strong|em|del|code|pre|br|blockquote|a|span|time)(\s[^<>]*)?>$/;
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom('<', '>', '&', '"', "'", '*', '_', '`', '|', '@', '#', '!', 'a', 'script', ' ', '\n', 'javascript:', 'https://x') }), (input) => {
        const html = renderMrkdwn(input, lookup);
        for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(allowed);
        expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
      }),
      { numRuns: 500 },
    );
  });

  it('escapes every HTML special character', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
    );
  });
});
