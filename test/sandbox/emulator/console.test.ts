import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { startBoltApp } from './bolt-fixture.js';
import { startEmulator } from './emulator-fixture.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let emulator: SlackEmulator;
let bot: { app: App; stop: () => Promise<void> };
let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  ({ emulator } = await startEmulator());
  bot = await startBoltApp(emulator, (app) => {
    app.command('/incident', async ({ command, ack, client, respond }) => {
      await ack();
      if (command.text !== 'hello') {
        await respond({ text: `Unknown subcommand \`${command.text}\`` });
        return;
      }
      await client.chat.postMessage({
        channel: command.channel_id,
        text: 'Hello',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Hello from the test bot' } },
          { type: 'section', text: { type: 'mrkdwn', text: `Hi <@${command.user_id}>, this is *bold* and \`code\`` } },
          { type: 'actions', block_id: 'hello', elements: [{ type: 'button', action_id: 'wave', style: 'primary', text: { type: 'plain_text', text: 'Wave back' }, value: 'wave' }] },
        ],
      });
    });
    app.action('wave', async ({ ack, body, client }) => {
      await ack();
      const b = body as { channel?: { id: string }; message?: { ts: string }; user: { id: string } };
      await client.chat.update({
        channel: b.channel?.id ?? '',
        ts: b.message?.ts ?? '',
        text: 'Waved',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:wave: <@${b.user.id}> waved back` } }],
      });
    });
  });
  profile = await mkdtemp(join(tmpdir(), 'console-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await bot?.stop();
  await emulator?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('the web console', () => {
  it('runs /incident hello, shows the message, clicks its button, sees the update, and switches user', async () => {
    await page.goto(emulator.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await expect(page.locator('.channel-link.active').textContent()).resolves.toContain('general');

    const composer = page.locator('#composer-input');
    await composer.fill('/incident ');
    await expect(page.locator('#hints li').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('/incident declare')]));
    await composer.fill('/incident hello');
    await composer.press('Enter');

    const message = page.locator('article.message', { hasText: 'Hello from the test bot' });
    await message.waitFor();
    await expect(message.locator('strong').textContent()).resolves.toBe('bold');
    await expect(message.locator('.mention').textContent()).resolves.toBe('@ops.sato');
    await message.getByRole('button', { name: 'Wave back' }).click();
    await page.locator('article.message', { hasText: 'waved back' }).waitFor();
    expect(emulator.messages(emulator.channel('general')?.id ?? '').map((m) => m.text)).toContain('Waved');
    expect(emulator.calls('chat.update')).toHaveLength(1);

    await composer.fill('/incident nope');
    await composer.press('Enter');
    const ephemeral = page.locator('article.message.ephemeral', { hasText: 'Unknown subcommand' });
    await ephemeral.waitFor();
    await expect(ephemeral.locator('.ephemeral-note').textContent()).resolves.toContain('Only visible to you');

    await mkdir('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/console-smoke.png' });

    await page.selectOption('#user-select', 'U0L2SYS');
    await expect(page.locator('#user-role').textContent()).resolves.toContain('L2');
    await ephemeral.waitFor({ state: 'detached' });
    await expect(page.locator('article.message', { hasText: 'waved back' }).count()).resolves.toBe(1);
  });

  it('shows channels the bot creates without a reload', async () => {
    await bot.app.client.conversations.create({ name: 'inc-20261130-001-api-down' });
    await page.locator('.channel-link', { hasText: 'inc-20261130-001-api-down' }).waitFor();
  });
});
