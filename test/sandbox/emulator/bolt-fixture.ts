// A real Bolt App (HTTPReceiver on a random port) wired to an emulator, for tests that drive a bot.
import { App, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { untilPasses } from '../../support/eventually.js';
import { BOT_TOKEN, SIGNING_SECRET } from './emulator-fixture.js';

export async function startBoltApp(emulator: SlackEmulator, register: (app: App) => void): Promise<{ app: App; url: string; stop: () => Promise<void> }> {
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  const server = (await app.start(0)) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  emulator.setBotUrl(url);
  return { app, url, stop: async () => void (await app.stop()) };
}

/** Waits until `check` passes (the bot acts after its ack, so effects land a little later). */
export const eventually = <T>(check: () => T, timeoutMs = 3_000): Promise<T> => untilPasses(check, timeoutMs);
