// `klaxon bot` as a real child process of the test, started from the build against the emulator and Redis the
// test names; the test waits for what it needs (its port, an upload) in its own way.
import { spawn, type ChildProcess } from 'node:child_process';
import { BOT_TOKEN, SIGNING_SECRET } from './klaxon-harness.js';

export interface BotProcess {
  readonly child: ChildProcess;
  output(): string;
}

/**
 * Starts a bot with PATH and HOME, the harness's Slack credentials, English replies, any port and the
 * `incidents` stakeholder channel, plus `env`; `started` collects it so the test can kill it afterwards.
 */
export function spawnBotProcess(env: Record<string, string>, started: ChildProcess[]): BotProcess {
  let output = '';
  const child = spawn(process.execPath, ['bin/klaxon.js', 'bot'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      // The tests read the English replies (Japanese is the default).
      KLAXON_LOCALE: 'en',
      PORT: '0',
      STAKEHOLDER_CHANNEL: 'incidents',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}
