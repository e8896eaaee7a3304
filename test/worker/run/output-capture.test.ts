import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { createOutputCapture } from '../../../src/worker/run/output-capture.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('createOutputCapture', () => {
  it('keeps everything under the cap, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 50 }), { maxLength: 20 }), (chunks) => {
        const capture = createOutputCapture(4096);
        for (const chunk of chunks) capture.write(chunk);
        const result = capture.finish();
        const all = chunks.join('');
        expect(result.output).toBe(all);
        expect(result.outputBytes).toBe(Buffer.byteLength(all));
        expect(result.truncatedBytes).toBe(0);
        expect(result.outputDigest).toBe(sha256(all));
      }),
    );
  });

  it('keeps head and tail within the cap and says how much it left out', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 16, max: 512 }), (chunks, cap) => {
        const capture = createOutputCapture(cap);
        for (const chunk of chunks) capture.write(chunk);
        const result = capture.finish();
        const all = chunks.join('');
        const bytes = Buffer.byteLength(all);
        expect(result.outputBytes).toBe(bytes);
        expect(result.outputDigest).toBe(sha256(all));
        if (bytes <= cap) {
          expect(result.output).toBe(all);
          return;
        }
        expect(result.truncatedBytes).toBeGreaterThanOrEqual(bytes - cap);
        const marker = `… ${result.truncatedBytes} bytes omitted …\n`;
        expect(result.output).toContain(marker);
        expect(Buffer.byteLength(result.output)).toBeLessThanOrEqual(cap + Buffer.byteLength(marker) + 1);
        const [head = '', tail = ''] = result.output.split(marker);
        expect(all.startsWith(head.replace(/\n$/, '').replace(/\uFFFD$/, ''))).toBe(true);
        expect(all.endsWith(tail)).toBe(true);
      }),
    );
  });

  it('reports a huge stream by its numbers', () => {
    const capture = createOutputCapture(1000);
    for (let i = 0; i < 1000; i += 1) capture.write(`${String(i).padStart(9, '0')}\n`);
    const result = capture.finish();
    expect(result.outputBytes).toBe(10_000);
    expect(result.truncatedBytes).toBe(9000);
    expect(result.output.startsWith('000000000\n')).toBe(true);
    expect(result.output.endsWith('000000999\n')).toBe(true);
    expect(result.output).toContain('… 9000 bytes omitted …');
  });
});
