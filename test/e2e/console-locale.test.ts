// The sandbox console speaks klaxon's language: KLAXON_LOCALE=en turns its own words English too (Japanese,
// the default, is what console.test.ts sees).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxConsole, type SandboxConsole } from '../support/sandbox-console.js';

let s: SandboxConsole;

beforeAll(async () => {
  s = await startSandboxConsole({ KLAXON_LOCALE: 'en' });
}, 60_000);

afterAll(async () => s?.stop());

describe('the sandbox console with KLAXON_LOCALE=en', () => {
  it('shows its chrome and the bot in English', async () => {
    const { page } = s;
    await page.goto(s.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.locator('.sidebar-heading', { hasText: 'Channels' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await s.type('/incident nope');
    const refusal = page.locator('article.message.ephemeral');
    await refusal.locator('.ephemeral-note', { hasText: 'Only visible to you' }).waitFor();
    await expect(refusal.first().innerText()).resolves.not.toMatch(/[\u3040-\u30ff]/);
  }, 60_000);
});
