import { describe, expect, it } from 'vitest';
import { shutdown } from '../../src/cli/shutdown.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger({ level: 'silent', pretty: false });

describe('shutdown', () => {
  it('runs the steps in order and answers 0', async () => {
    const seen: number[] = [];
    expect(await shutdown(logger, [async () => seen.push(1), async () => seen.push(2)])).toBe(0);
    expect(seen).toEqual([1, 2]);
  });

  it('gives up on a step that never finishes and answers 1', async () => {
    // Answering at all is the proof: the step itself never settles.
    expect(await shutdown(logger, [() => new Promise(() => undefined)], 200)).toBe(1);
  });

  it('answers 1 when a step fails', async () => {
    expect(await shutdown(logger, [async () => Promise.reject(new Error('boom'))])).toBe(1);
  });
});
