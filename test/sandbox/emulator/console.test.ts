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
      if (command.text === 'form') {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'form',
            private_metadata: command.channel_id,
            title: { type: 'plain_text', text: 'Declare' },
            submit: { type: 'plain_text', text: 'Declare' },
            blocks: [
              { type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'v' } },
              { type: 'input', block_id: 'sev', label: { type: 'plain_text', text: 'Severity' }, element: { type: 'static_select', action_id: 'v', options: [{ text: { type: 'plain_text', text: 'High' }, value: 'high' }] } },
            ],
          },
        });
        return;
      }
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
    app.view('form', async ({ ack, view, client }) => {
      const values = view.state.values as Record<string, Record<string, { value?: string; selected_option?: { value: string } }>>;
      const title = values['title']?.['v']?.value ?? '';
      if (title.length < 3) {
        await ack({ response_action: 'errors', errors: { title: 'Say a little more' } });
        return;
      }
      await ack();
      const parent = await client.chat.postMessage({ channel: view.private_metadata, text: `Declared: ${title}` });
      await client.chat.postMessage({ channel: view.private_metadata, thread_ts: parent.ts ?? '', text: `severity ${values['sev']?.['v']?.selected_option?.value}` });
    });
  });
  profile = await mkdtemp(join(tmpdir(), 'console-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(8_000);
});

afterAll(async () => {
  await context?.close();
  await bot?.stop();
  await emulator?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('the web console', () => {
  it('runs /incident hello, shows the message, clicks its button, sees the update, and switches user', async () => {
    await page.goto(emulator.consoleUrl);
    await page.locator('body[data-ready="true"]').waitFor();
    await expect(page.locator('.channel-link.active').textContent()).resolves.toContain('general');
    // klaxon's default language is Japanese, and so is the console's own chrome.
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');
    await page.locator('.sidebar-heading', { hasText: 'チャンネル' }).waitFor();
    await page.getByRole('button', { name: '送信' }).waitFor();
    await expect(page.locator('#composer-input').getAttribute('placeholder')).resolves.toMatch(/^メッセージ/);
    await page.locator('#composer-input').fill('/incident re');
    await page.locator('#hints li', { hasText: '復旧を記録し' }).waitFor();

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
    await expect(ephemeral.locator('.ephemeral-note').textContent()).resolves.toBe('あなただけに表示されています');

    // The committed screenshot is refreshed on purpose (UPDATE_SCREENSHOTS=1), not by every test run.
    const shots = process.env['UPDATE_SCREENSHOTS'] ? 'docs/screenshots' : join(tmpdir(), 'klaxon-console-screenshots');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'console-smoke.png') });

    await page.selectOption('#user-select', 'U0L2SYS');
    await expect(page.locator('#user-role').textContent()).resolves.toContain('Level 2（システム管理者）');
    await ephemeral.waitFor({ state: 'detached' });
    await expect(page.locator('article.message', { hasText: 'waved back' }).count()).resolves.toBe(1);
  });

  it('fills a modal, shows the bot\'s field errors, submits, and opens the thread', async () => {
    const composer = page.locator('#composer-input');
    await composer.fill('/incident form');
    await composer.press('Enter');
    const modal = page.getByRole('dialog', { name: 'Declare' });
    await modal.waitFor();
    await modal.locator('#input-title').fill('DB');
    await modal.locator('#input-sev').selectOption('high');
    await modal.getByRole('button', { name: 'Declare' }).click();
    await modal.locator('.bk-error', { hasText: 'Say a little more' }).waitFor();
    await modal.locator('#input-title').fill('DB primary down');
    await modal.getByRole('button', { name: 'Declare' }).click();
    await modal.waitFor({ state: 'detached' });
    const declared = page.locator('article.message', { hasText: 'Declared: DB primary down' });
    await declared.locator('.reply-count', { hasText: '1件の返信' }).click();
    await page.locator('#thread-messages article.message', { hasText: 'severity high' }).waitFor();
  });

  it('shows channels the bot creates without a reload', async () => {
    await bot.app.client.conversations.create({ name: 'inc-20261130-001-api-down' });
    await page.locator('.channel-link', { hasText: 'inc-20261130-001-api-down' }).waitFor();
  });

  it('speaks English when klaxon does (KLAXON_LOCALE=en)', async () => {
    const { emulator: english } = await startEmulator({ consoleLocale: 'en' });
    try {
      await page.goto(english.consoleUrl);
      await page.locator('body[data-ready="true"]').waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await page.locator('.sidebar-heading', { hasText: 'Channels' }).waitFor();
      await page.getByRole('button', { name: 'Send' }).waitFor();
      await page.locator('#thread h2', { hasText: 'Thread' }).waitFor({ state: 'attached' });
      await page.locator('#composer-input').fill('/incident re');
      await page.locator('#hints li', { hasText: 'Record recovery and offer the verification suite' }).waitFor();
    } finally {
      await english.close();
    }
  });
});
