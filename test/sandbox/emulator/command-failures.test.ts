// What Slack shows a person when their command never reached the app or the app refused it: the command fails
// with Slack's own words, as the tracker threads about ngrok or a wrong Request URL describe (dispatch_failed for
// a URL that cannot be reached; http_client_error for an app that answers 404).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { startBoltApp } from './bolt-fixture.js';
import { startEmulator } from './emulator-fixture.js';

const USER = 'U0L1OPS';
let emulator: SlackEmulator | undefined;
let stopBot: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopBot?.();
  await emulator?.close();
  emulator = stopBot = undefined;
});

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
