// The tests' wait: it returns what it waited for, and fails in time, saying what, even when a look hangs.
import { describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';

describe('eventually', () => {
  it('returns the first value a look finds', async () => {
    let looks = 0;
    await expect(eventually(() => (++looks >= 3 ? 'found' : undefined), 'the third look', 2_000)).resolves.toBe('found');
    expect(looks).toBe(3);
  });

  it('fails after its timeout when a look never answers', async () => {
    const started = Date.now();
    await expect(eventually(() => new Promise<string>(() => undefined), 'a read that hangs', 200)).rejects.toThrow(
      'timed out after 200 ms waiting for a read that hangs: its last look never answered',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
