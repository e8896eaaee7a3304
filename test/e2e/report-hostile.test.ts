// Text people type can never change the report's structure: an incident whose title, notes, updates and
// close fields are full of Markdown and Slack syntax gives a report that lexes like a plain one, and its
// stakeholder summary pings nobody.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lexer, type Token, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { mermaidBlocks, parseGantt } from '../support/mermaid-gantt.js';
import { command, declareIncident, deliveredReport, openCloseModal, submitClose, tick, type CloseFields } from '../report/incident-journey.js';

const HOSTILE_LINE = '# <!channel> *bold* _it_ ~s~ `code` | a | b | [x](javascript:alert(1)) <script>alert(1)</script> <@U0L2SYS> &amp;';
const HOSTILE_BLOCK = [
  '```',
  '## Fake heading',
  '- fake item',
  '1. fake step',
  '> quoted <!here>',
  '| col | col |',
  '| --- | --- |',
  '---',
  '    indented code',
  '<https://evil.example|click me>',
  '===',
].join('\n');

interface Script {
  readonly title: string;
  readonly note: string;
  readonly update: string;
  readonly fields: CloseFields;
}

const PLAIN: Script = {
  title: 'Plain title',
  note: 'plain note',
  update: 'plain update',
  fields: { summary: 'plain\nsummary', impact: 'plain impact', actions: 'plain actions', rootCause: 'plain root cause', prevention: 'plain prevention', detectionMethod: 'plain detection', unverifiedReason: 'plain reason' },
};
const HOSTILE: Script = {
  title: HOSTILE_LINE.slice(0, 140),
  note: HOSTILE_LINE,
  update: HOSTILE_LINE,
  fields: { summary: HOSTILE_BLOCK, impact: HOSTILE_LINE, actions: HOSTILE_BLOCK, rootCause: HOSTILE_LINE, prevention: HOSTILE_BLOCK, detectionMethod: HOSTILE_LINE, unverifiedReason: HOSTILE_LINE },
};

/** The document's shape: top-level block types, heading depths and the number of rows of every table. */
function shape(markdown: string): string[] {
  const walk = (tokens: readonly Token[]): string[] =>
    tokens.flatMap((t) => {
      if (t.type === 'space') return [];
      if (t.type === 'heading') return [`h${(t as Tokens.Heading).depth}`];
      if (t.type === 'table') return [`table ${(t as Tokens.Table).header.length}x${(t as Tokens.Table).rows.length}`];
      return [t.type];
    });
  return walk(lexer(markdown));
}

const levelTwo = (markdown: string): string[] =>
  lexer(markdown).flatMap((t) => (t.type === 'heading' && (t as Tokens.Heading).depth <= 2 ? [(t as Tokens.Heading).text] : []));

/** Every token of the document, inline ones and table cells included. */
const allTokens = (tokens: readonly Token[]): Token[] =>
  tokens.flatMap((t) => {
    const children = 'tokens' in t && Array.isArray(t.tokens) ? (t.tokens as Token[]) : [];
    const cells = t.type === 'table' ? [...(t as Tokens.Table).header, ...(t as Tokens.Table).rows.flat()].flatMap((c) => c.tokens) : [];
    return [t, ...allTokens([...children, ...cells])];
  });

describe('the report of a hostile incident', () => {
  let k: Klaxon;
  let reportsDir: string;
  beforeAll(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    k = await startKlaxon({ env: { REPORTS_DIR: reportsDir } });
  });
  afterAll(async () => k?.stop());

  async function walk(script: Script): Promise<{ incidentId: string; markdown: string }> {
    const d = await declareIncident(k, USERS.l1, 'high', script.title);
    await tick(k, USERS.l1, d, 'impact_assessed');
    await command(k, USERS.l1, d.channelId, `note ${script.note}`);
    await command(k, USERS.l1, d.channelId, `update ${script.update}`);
    await command(k, USERS.l2, d.channelId, 'resolve');
    const view = await openCloseModal(k, USERS.l2, d.channelId);
    const answer = await submitClose(k, USERS.l2, view, script.fields);
    expect(answer.json).toBeUndefined();
    return { incidentId: d.incidentId, markdown: (await deliveredReport(k, reportsDir, d.incidentId)).markdown };
  }

  it('lexes with the same structure as a plain report and keeps every character as text', { timeout: 60_000 }, async () => {
    const plain = await walk(PLAIN);
    const hostile = await walk(HOSTILE);

    expect(shape(hostile.markdown)).toEqual(shape(plain.markdown));
    expect(levelTwo(hostile.markdown)).toEqual(levelTwo(plain.markdown));
    const tokens = allTokens(lexer(hostile.markdown));
    // The one code block is the report's Mermaid chart, whose structure the hostile title cannot change.
    const code = tokens.filter((t): t is Tokens.Code => t.type === 'code');
    expect(code.map((t) => t.lang)).toEqual(['mermaid']);
    expect(parseGantt(code[0]?.text ?? '').sections.map((s) => s.tasks.map((task) => task.id))).toEqual(parseGantt(mermaidBlocks(plain.markdown)[0] ?? '').sections.map((s) => s.tasks.map((task) => task.id)));
    const types = new Set(tokens.filter((t) => t.type !== 'code').map((t) => t.type));
    for (const forbidden of ['html', 'codespan', 'code', 'del', 'blockquote', 'hr', 'image']) expect([forbidden, types.has(forbidden)]).toEqual([forbidden, false]);
    // GFM links a bare URL as typed; a crafted [text](target) never becomes a link.
    const links = tokens.filter((t): t is Tokens.Link => t.type === 'link');
    for (const link of links) expect(link.raw).toBe(link.href);
    expect(links.every((link) => link.href.startsWith('https://evil.example'))).toBe(true);
    expect(hostile.markdown).not.toContain('<script>');
    expect(hostile.markdown).toContain('\\<script\\>');

    const summary = await eventually(() => k.emulator.messages(k.stakeholders).find((m) => m.text.includes(`${hostile.incidentId} closed`)), 'the hostile summary');
    // mrkdwn is where Slack turns <!channel> and <@U…> into pings; plain_text shows them as typed.
    const mrkdwn: string[] = [];
    JSON.stringify(summary.blocks, (key, value: unknown) => {
      if (value && typeof value === 'object' && (value as { type?: string }).type === 'mrkdwn') mrkdwn.push(String((value as { text?: string }).text));
      return value;
    });
    expect(mrkdwn.join('\n')).toContain('&lt;!channel&gt;');
    const posted = [summary.text, ...mrkdwn].join('\n');
    for (const ping of ['<!channel>', '<!here>', '<@U0L2SYS>', '<https://evil']) expect(posted).not.toContain(ping);
  });
});
