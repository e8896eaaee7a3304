// The console shows every emoji shortcode the bot's messages use as an emoji, not as `:name:` text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The console is plain browser JavaScript without type declarations, so it is imported dynamically.
const consoleModule = '../../src/sandbox/console/mrkdwn.js';
const { emojify } = (await import(consoleModule)) as { emojify: (name: string) => string };
const root = new URL('../..', import.meta.url).pathname;
const sources = ['src/slack/views', 'src/slack/i18n'].flatMap((dir) =>
  readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(root, dir, f), 'utf8')),
);

describe('console emoji', () => {
  const used = [...new Set(sources.flatMap((text) => [...text.matchAll(/:([a-z][a-z0-9_+-]*):/g)].map((m) => m[1] as string)))];

  it('finds the shortcodes the bot uses', () => {
    expect(used).toEqual(expect.arrayContaining(['white_check_mark', 'white_large_square', 'rotating_light']));
  });

  it.each(used)('renders :%s: as an emoji', (name) => {
    expect(emojify(name)).not.toBe(`:${name}:`);
  });
});
