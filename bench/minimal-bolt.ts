// The framework's floor: a Bolt 5.1 app on its own HTTPReceiver whose only listener acknowledges `/incident`.
// What klaxon's ack path is held against: the same framework doing nothing of klaxon's.
import { App, LogLevel, type Logger } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MinimalBolt {
  readonly url: string;
  close(): Promise<void>;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

export async function startMinimalBolt(signingSecret: string): Promise<MinimalBolt> {
  // authorize answers locally: no auth.test call, exactly as a single-workspace app with a token would after start.
  const app = new App({ signingSecret, logger: silent, authorize: async () => ({ botToken: 'xoxb-minimal', botId: 'B0MIN', botUserId: 'U0MIN' }) });
  app.command('/incident', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as Server;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    close: async () => {
      server.closeAllConnections();
      await app.stop();
    },
  };
}
