// Slack waits three seconds for the app's answer to a command or an interaction and then gives up: the person
// sees the command fail, and what the app answers later is thrown away (no ack body shown, no response_action
// applied to the modal). A real Bolt app, deliberately slow, against the emulator with a shortened deadline.
// And a command that never reaches the app or that the app refuses fails in Slack's own words, as the tracker
// threads about ngrok or a wrong Request URL describe: dispatch_failed for a URL that cannot be reached,
// http_client_error for an app that answers 404.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { SLACK_ANSWER_MS } from '../../../src/sandbox/emulator/slack-side.js';
import { startBoltApp } from './bolt-fixture.js';
import { startEmulator } from './emulator-fixture.js';

const DEADLINE_MS = 150;
const LATE_MS = 450;
const USER = 'U0L1OPS';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: SlackEmulator | undefined;
let stopBot: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopBot?.();
  await emulator?.close();
  emulator = stopBot = undefined;
});

/** An emulator with the short deadline and a Bolt app that answers as `register` says. */
async function slowApp(register: (app: App) => void): Promise<{ emulator: SlackEmulator; client: WebClient; general: string }> {
  const started = await startEmulator({ answerDeadlineMs: DEADLINE_MS, rateLimits: false });
  emulator = started.emulator;
  stopBot = (await startBoltApp(emulator, register)).stop;
  return { emulator, client: started.client, general: emulator.channel('general')?.id as string };
}

describe('Slack’s deadline for an answer', () => {
  it('is three seconds unless a test shortens it', () => {
    expect(SLACK_ANSWER_MS).toBe(3_000);
  });

  it('fails a command answered late with operation_timeout, and throws the late answer away', async () => {
    const { emulator, general } = await slowApp((app) =>
      app.command('/incident', async ({ command, ack }) => {
        if (command.text === 'late') await sleep(LATE_MS);
        await ack({ text: `answered ${command.text}` });
      }),
    );
    const late = await emulator.slashCommand({ userId: USER, channelId: general, text: 'late' });
    expect(late).toMatchObject({ status: 0, body: 'operation_timeout' });
    expect(late.ms).toBeLessThan(LATE_MS);
    await sleep(LATE_MS);
    expect(emulator.ephemerals(general, USER).map((e) => [e.text, e.via])).toEqual([['/incident failed with the error "operation_timeout"', 'slack']]);

    // An answer in time is shown as before.
    expect(await emulator.slashCommand({ userId: USER, channelId: general, text: 'prompt' })).toMatchObject({ status: 200 });
    expect(emulator.ephemerals(general, USER).map((e) => e.text)).toContain('answered prompt');
  });

  it('fails a click answered late, though the app did answer', async () => {
    let answeredAt: number | undefined;
    const { emulator, client, general } = await slowApp((app) =>
      app.action('slow', async ({ ack }) => {
        await sleep(LATE_MS);
        await ack();
        answeredAt = Date.now();
      }),
    );
    const posted = await client.chat.postMessage({ channel: general, text: 'press', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'slow', text: { type: 'plain_text', text: 'Slow' } }] }] });
    const clickedAt = Date.now();
    expect(await emulator.clickButton({ userId: USER, channelId: general, messageTs: posted.ts as string, actionId: 'slow' })).toMatchObject({ status: 0, body: 'operation_timeout' });
    await sleep(LATE_MS);
    expect(answeredAt).toBeGreaterThanOrEqual(clickedAt + LATE_MS);
  });

  it('leaves a modal open and unchanged when its submission is answered late', async () => {
    let delay = LATE_MS;
    const { emulator, general } = await slowApp((app) => {
      app.command('/incident', async ({ ack, client, body }) => {
        await ack();
        await client.views.open({
          trigger_id: body.trigger_id,
          view: { type: 'modal', callback_id: 'form', title: { type: 'plain_text', text: 'Form' }, submit: { type: 'plain_text', text: 'Save' }, blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'Why' }, element: { type: 'plain_text_input', action_id: 'a' } }] },
        });
      });
      app.view('form', async ({ ack }) => {
        await sleep(delay);
        await ack({ response_action: 'errors', errors: { b: 'Say why' } });
      });
    });
    await emulator.slashCommand({ userId: USER, channelId: general, text: 'form' });
    const view = await waitForView(emulator);
    expect(await emulator.submitView({ userId: USER, viewId: view.id, values: { b: { a: 'because' } } })).toMatchObject({ status: 0, body: 'operation_timeout' });
    await sleep(LATE_MS);
    expect(emulator.views().find((v) => v.id === view.id)).toMatchObject({ state: 'open' });
    expect(emulator.views().find((v) => v.id === view.id)?.errors).toBeUndefined();

    // Answered in time, the same answer is applied.
    delay = 0;
    expect(await emulator.submitView({ userId: USER, viewId: view.id, values: { b: { a: 'because' } } })).toMatchObject({ status: 200 });
    expect(emulator.views().find((v) => v.id === view.id)?.errors).toEqual({ b: 'Say why' });
  });
});

async function waitForView(emulator: SlackEmulator) {
  for (let i = 0; i < 100; i++) {
    const view = emulator.views()[0];
    if (view) return view;
    await sleep(20);
  }
  throw new Error('no modal opened');
}

/** A loopback port that nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a command that fails before the app answers it', () => {
  it('shows dispatch_failed when the Request URL refuses the connection', async () => {
    ({ emulator } = await startEmulator({ rateLimits: false }));
    const general = emulator.channel('general')?.id as string;
    emulator.setBotUrl(`http://127.0.0.1:${await closedPort()}/slack/events`);
    expect(await emulator.slashCommand({ userId: USER, channelId: general, text: 'status' })).toMatchObject({ status: 0, body: 'dispatch_failed' });
    expect(emulator.ephemerals(general, USER).map((e) => [e.text, e.via])).toEqual([['/incident failed with the error "dispatch_failed"', 'slack']]);
  });

  it('shows http_client_error when the app answers 404, and nothing of the answer', async () => {
    ({ emulator } = await startEmulator({ rateLimits: false }));
    const general = emulator.channel('general')?.id as string;
    const bot = await startBoltApp(emulator, (app) => app.command('/incident', async ({ ack }) => ack({ text: 'answered' })));
    stopBot = bot.stop;
    expect(await emulator.slashCommand({ userId: USER, channelId: general, text: 'status' })).toMatchObject({ status: 200 });
    // The same app, asked at a path it does not serve (a Request URL with a typo).
    emulator.setBotUrl(bot.url.replace('/slack/events', '/slack/event'));
    expect(await emulator.slashCommand({ userId: USER, channelId: general, text: 'status' })).toMatchObject({ status: 404 });
    expect(emulator.ephemerals(general, USER).map((e) => e.text)).toEqual(['answered', '/incident failed with the error "http_client_error"']);
  });

  it('still throws for a mistake in the test itself: no bot URL set', async () => {
    ({ emulator } = await startEmulator({ rateLimits: false }));
    await expect(emulator.slashCommand({ userId: USER, channelId: emulator.channel('general')?.id as string, text: 'status' })).rejects.toThrow(/no bot URL/);
  });
});
