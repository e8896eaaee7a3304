// `klaxon start` with no Slack credentials in a fresh folder, and a real Chromium on its web console: what the
// console e2e tests share.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../src/sandbox/redis-server.js';
import { killSandbox } from './kill-sandbox.js';

const repo = new URL('../..', import.meta.url).pathname;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// The README's screenshots are refreshed on purpose (UPDATE_SCREENSHOTS=1), not by every test run.
export const SCREENSHOTS = process.env['UPDATE_SCREENSHOTS'] ? join(repo, 'docs', 'screenshots') : join(tmpdir(), 'klaxon-console-screenshots');

export interface SandboxConsole {
  readonly sandbox: ChildProcess;
  /** Everything the sandbox printed so far. */
  readonly output: () => string;
  readonly url: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Types a line in the channel's composer and sends it. */
  readonly type: (text: string) => Promise<void>;
  readonly stop: () => Promise<void>;
}

function cleanEnv(port: number, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', LOG_FORMAT: 'json' };
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'REDIS_URL', 'BACKTEST_ROOT', 'KLAXON_POLICY', 'REPORTS_DIR', 'KLAXON_LOCALE']) delete env[name];
  return { ...env, ...extra };
}

export async function startSandboxConsole(env: NodeJS.ProcessEnv = {}): Promise<SandboxConsole> {
  const work = await mkdtemp(join(tmpdir(), 'klaxon-sandbox-'));
  const port = await freePort();
  let output = '';
  // Its own process group, like a command in a terminal: Ctrl-C goes to the whole group.
  const sandbox = spawn(process.execPath, [join(repo, 'bin', 'klaxon.js'), 'start'], { cwd: work, env: cleanEnv(port, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  sandbox.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  sandbox.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output}`)), 30_000);
    const check = () => {
      const found = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    sandbox.stdout?.on('data', check);
    sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${output}`)));
  });
  const context = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  await mkdir(SCREENSHOTS, { recursive: true });
  const type = async (text: string): Promise<void> => {
    const composer = page.locator('#composer-input');
    await composer.fill(text);
    await composer.press('Enter');
  };
  const stop = async (): Promise<void> => {
    await context.close();
    await killSandbox(sandbox, work);
  };
  return { sandbox, output: () => output, url, context, page, type, stop };
}
