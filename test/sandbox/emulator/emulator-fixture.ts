// Starts an emulator and a real WebClient pointed at it, for the emulator's own tests.
import { LogLevel, WebClient } from '@slack/web-api';
import { createSlackEmulator, type SlackEmulator, type SlackEmulatorOptions } from '../../../src/sandbox/emulator/slack-emulator.js';

export const SIGNING_SECRET = 'emulator-test-secret';
export const BOT_TOKEN = 'xoxb-emulator-test';

export async function startEmulator(
  options: Partial<SlackEmulatorOptions> = {},
): Promise<{ emulator: SlackEmulator; client: WebClient }> {
  // As an admin would set up a workspace for a bot: invited to #general.
  const emulator = await createSlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, channels: [{ name: 'general', botIsMember: true }], ...options });
  const client = new WebClient(BOT_TOKEN, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
  return { emulator, client };
}

/** The Slack error name a failed call was answered with. */
export async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    if (data?.error !== undefined) return data.error;
    throw error;
  }
  throw new Error('the call succeeded');
}

/** A raw POST to a Web API method, for what WebClient cannot send (no token, JSON bodies). */
export async function rawCall(
  emulator: SlackEmulator,
  method: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${emulator.apiUrl}${method}`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
