import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, readMultipart } from '../../../src/sandbox/emulator/request-body.js';

describe('parseArgs', () => {
  it('decodes JSON-in-a-field arguments of form bodies', async () => {
    const body = new URLSearchParams({ channel: 'C1', blocks: JSON.stringify([{ type: 'divider' }]), text: '[not json' }).toString();
    expect(await parseArgs(Buffer.from(body), 'application/x-www-form-urlencoded')).toEqual({ channel: 'C1', blocks: [{ type: 'divider' }], text: '[not json' });
  });

  it('reads JSON bodies', async () => {
    expect(await parseArgs(Buffer.from('{"view":{"type":"modal"}}'), 'application/json')).toEqual({ view: { type: 'modal' } });
  });
});

describe('readMultipart', () => {
  it('round-trips what FormData encodes, binary included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 50 }), async (bytes, text) => {
        const form = new FormData();
        form.append('title', text);
        form.append('body', new Blob([bytes]), 'file.bin');
        const request = new Request('http://x', { method: 'POST', body: form });
        const contentType = request.headers.get('content-type') ?? '';
        const parts = await readMultipart(Buffer.from(await request.arrayBuffer()), contentType);
        expect(parts.find((p) => p.name === 'title')?.data.toString('utf8')).toBe(text);
        const file = parts.find((p) => p.name === 'body');
        expect(file?.filename).toBe('file.bin');
        expect(Buffer.compare(file?.data ?? Buffer.alloc(1), Buffer.from(bytes))).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('reads a multipart call\'s text fields as arguments and a malformed body as none', async () => {
    const form = new FormData();
    form.append('channel', 'C1');
    form.append('blocks', JSON.stringify([{ type: 'divider' }]));
    const request = new Request('http://x', { method: 'POST', body: form });
    const contentType = request.headers.get('content-type') ?? '';
    expect(await parseArgs(Buffer.from(await request.arrayBuffer()), contentType)).toEqual({ channel: 'C1', blocks: [{ type: 'divider' }] });
    expect(await readMultipart(Buffer.from('no boundary here'), contentType)).toEqual([]);
  });
});
