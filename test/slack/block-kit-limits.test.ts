import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../../src/slack/block-kit-limits.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (overrides: Record<string, unknown> = {}) => ({ type: 'button', text: plain('Tick'), action_id: 'tick', ...overrides });
const option = (value: string, text = value) => ({ text: plain(text), value });
const long = (n: number) => 'x'.repeat(n);

const pointers = (result: ReturnType<typeof validateMessage>) => (result.ok ? [] : result.errors.map((e) => e.pointer));

describe('validateMessage', () => {
  it('accepts every block type klaxon emits', () => {
    const result = validateMessage({
      text: 'fallback',
      blocks: [
        { type: 'header', text: plain('🔴 INC-7 critical') },
        { type: 'section', block_id: 's1', text: mrkdwn('*Status* declared'), fields: [mrkdwn('a'), mrkdwn('b')], accessory: button() },
        { type: 'section', text: mrkdwn('pick'), accessory: { type: 'overflow', action_id: 'more', options: [option('a'), option('b')] } },
        { type: 'context', elements: [mrkdwn('by <@U1>'), { type: 'image', image_url: 'https://example.org/a.png', alt_text: 'a' }] },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [
            button({ style: 'danger', confirm: { title: plain('Sure?'), text: mrkdwn('It restarts'), confirm: plain('Yes'), deny: plain('No') } }),
            { type: 'static_select', action_id: 'sev', placeholder: plain('Severity'), options: [option('critical'), option('high')] },
            { type: 'users_select', action_id: 'who' },
          ],
        },
        { type: 'image', image_url: 'https://example.org/graph.png', alt_text: 'graph' },
        { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [] }] },
      ],
    });
    expect(result).toEqual({ ok: true });
  });

  it.each([
    ['section text over 3000', [{ type: 'section', text: mrkdwn(long(3001)) }], '/blocks/0/text/text'],
    ['header text over 150', [{ type: 'header', text: plain(long(151)) }], '/blocks/0/text/text'],
    ['header in mrkdwn', [{ type: 'header', text: mrkdwn('x') }], '/blocks/0/text/type'],
    ['11 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }], '/blocks/0/fields'],
    ['a field over 2000', [{ type: 'section', fields: [mrkdwn(long(2001))] }], '/blocks/0/fields/0/text'],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }], '/blocks/0/elements'],
    ['26 actions elements', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }], '/blocks/0/elements'],
    ['button text over 75', [{ type: 'actions', elements: [button({ text: plain(long(76)) })] }], '/blocks/0/elements/0/text/text'],
    ['button value over 2000', [{ type: 'actions', elements: [button({ value: long(2001) })] }], '/blocks/0/elements/0/value'],
    ['action_id over 255', [{ type: 'actions', elements: [button({ action_id: long(256) })] }], '/blocks/0/elements/0/action_id'],
    ['confirm title over 100', [{ type: 'actions', elements: [button({ confirm: { title: plain(long(101)), text: plain('t'), confirm: plain('y'), deny: plain('n') } })] }], '/blocks/0/elements/0/confirm/title/text'],
    ['confirm button over 30', [{ type: 'actions', elements: [button({ confirm: { title: plain('t'), text: plain('t'), confirm: plain(long(31)), deny: plain('n') } })] }], '/blocks/0/elements/0/confirm/confirm/text'],
    ['101 select options', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: Array.from({ length: 101 }, (_, i) => option(`v${i}`)) }] }], '/blocks/0/elements/0/options'],
    ['option value over 75', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [option(long(76), 'x')] }] }], '/blocks/0/elements/0/options/0/value'],
    ['placeholder over 150', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', placeholder: plain(long(151)), options: [option('a')] }] }], '/blocks/0/elements/0/placeholder/text'],
    ['overflow with 1 option', [{ type: 'section', text: mrkdwn('x'), accessory: { type: 'overflow', action_id: 'o', options: [option('a')] } }], '/blocks/0/accessory/options'],
    ['overflow with 6 options', [{ type: 'section', text: mrkdwn('x'), accessory: { type: 'overflow', action_id: 'o', options: Array.from({ length: 6 }, (_, i) => option(`o${i}`)) } }], '/blocks/0/accessory/options'],
    ['block_id over 255', [{ type: 'divider', block_id: long(256) }], '/blocks/0/block_id'],
    ['empty section', [{ type: 'section' }], '/blocks/0'],
    ['unknown block type', [{ type: 'table' }], '/blocks/0/type'],
  ])('rejects %s', (_name, blocks, pointer) => {
    expect(pointers(validateMessage({ text: 'fallback', blocks }))).toContain(pointer);
  });

  it('rejects 51 blocks but accepts 50', () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(validateMessage({ text: 't', blocks: blocks(50) })).toEqual({ ok: true });
    const result = validateMessage({ text: 't', blocks: blocks(51) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ pointer: '/blocks', message: 'must contain at most 50 blocks' });
  });

  it('rejects duplicate block ids and duplicate action ids within a block', () => {
    const result = validateMessage({
      text: 't',
      blocks: [
        { type: 'divider', block_id: 'same' },
        { type: 'actions', block_id: 'same', elements: [button(), button()] },
      ],
    });
    expect(pointers(result)).toEqual(expect.arrayContaining(['/blocks/1/block_id', '/blocks/1/elements/1/action_id']));
  });

  it('requires a text fallback with blocks unless told not to', () => {
    const blocks = [{ type: 'divider' }];
    expect(pointers(validateMessage({ blocks }))).toEqual(['/text']);
    expect(pointers(validateMessage({ blocks, text: '  ' }))).toEqual(['/text']);
    expect(validateMessage({ blocks }, { requireText: false })).toEqual({ ok: true });
    expect(validateMessage({ text: 'only text' })).toEqual({ ok: true });
  });

  it('reports every problem of a long hostile message at once', () => {
    const hostile = Array.from({ length: 60 }, (_, i) => ({ type: 'section', block_id: 'dup', text: mrkdwn(long(3000 + i)) }));
    const result = validateMessage({ blocks: hostile });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.filter((e) => e.message.startsWith('duplicate block_id'))).toHaveLength(59);
      expect(result.errors.filter((e) => e.pointer.endsWith('/text/text'))).toHaveLength(59);
      expect(result.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/blocks', '/text']));
    }
  });

  it('never throws and accepts section text exactly when it is 1..3000 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3100 }), (text) => {
        const result = validateMessage({ text: 'f', blocks: [{ type: 'section', text: mrkdwn(text) }] });
        expect(result.ok).toBe(text.length >= 1 && text.length <= 3000);
      }),
    );
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (blocks, text) => {
        const result = validateMessage({ blocks, text });
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
        const view = validateView(blocks);
        if (!view.ok) expect(view.errors.every((e) => e.pointer === '' || e.pointer.startsWith('/'))).toBe(true);
      }),
    );
  });
});

describe('validateView', () => {
  const modal = (overrides: Record<string, unknown> = {}) => ({
    type: 'modal',
    callback_id: 'declare',
    title: plain('Declare an incident'),
    submit: plain('Declare'),
    close: plain('Cancel'),
    blocks: [
      { type: 'input', block_id: 'title', label: plain('Title'), element: { type: 'plain_text_input', action_id: 'v', max_length: 3000 } },
      { type: 'input', block_id: 'sev', label: plain('Severity'), hint: plain('runbook §1.1'), element: { type: 'static_select', action_id: 'v', options: [option('critical')] } },
      { type: 'input', block_id: 'who', label: plain('Commander'), element: { type: 'users_select', action_id: 'v' } },
      { type: 'input', block_id: 'when', label: plain('Detected on'), optional: true, element: { type: 'datepicker', action_id: 'v', initial_date: '2026-11-30' } },
    ],
    private_metadata: '{"incident":"inc-7"}',
    ...overrides,
  });

  it('accepts a modal with the inputs klaxon uses', () => {
    expect(validateView(modal())).toEqual({ ok: true });
  });

  it.each([
    ['title over 24', { title: plain(long(25)) }, '/title/text'],
    ['submit over 24', { submit: plain(long(25)) }, '/submit/text'],
    ['close over 24', { close: plain(long(25)) }, '/close/text'],
    ['private_metadata over 3000', { private_metadata: long(3001) }, '/private_metadata'],
    ['callback_id over 255', { callback_id: long(256) }, '/callback_id'],
    ['no title', { title: undefined }, '/title'],
    ['inputs without submit', { submit: undefined }, '/submit'],
    ['101 blocks', { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }, '/blocks'],
    ['label over 2000', { blocks: [{ type: 'input', label: plain(long(2001)), element: { type: 'plain_text_input' } }] }, '/blocks/0/label/text'],
    ['max_length over 3000', { blocks: [{ type: 'input', label: plain('l'), element: { type: 'plain_text_input', max_length: 3001 } }] }, '/blocks/0/element/max_length'],
    ['bad date', { blocks: [{ type: 'input', label: plain('l'), element: { type: 'datepicker', initial_date: '30/11/2026' } }] }, '/blocks/0/element/initial_date'],
  ])('rejects %s', (_name, overrides, pointer) => {
    const result = validateView(modal(overrides));
    expect(result.ok ? [] : result.errors.map((e) => e.pointer)).toContain(pointer);
  });

  it('accepts 100 blocks in a modal', () => {
    expect(validateView(modal({ blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })), submit: undefined }))).toEqual({ ok: true });
  });
});
