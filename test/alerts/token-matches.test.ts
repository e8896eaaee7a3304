import { describe, expect, it } from 'vitest';
import { tokenMatches } from '../../src/alerts/token-matches.js';

const TOKEN = 'alert-token-0123456789abcdef';

describe('tokenMatches', () => {
  it('accepts the token as a Bearer credential or bare', () => {
    expect(tokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(tokenMatches(`bearer  ${TOKEN} `, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
  });

  it('refuses a missing, empty, shorter, longer or different token', () => {
    for (const header of [undefined, '', 'Bearer ', `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer alert-token-0123456789abcdeF']) {
      expect(tokenMatches(header, TOKEN), String(header)).toBe(false);
    }
  });
});
