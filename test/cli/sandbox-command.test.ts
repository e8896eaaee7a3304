// `klaxon start` (the sandbox) against a Redis of the user's own: its banner names where the data lives, but
// never the password a REDIS_URL carries (the banner is read over shoulders and pasted into chats).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';
import { eventually } from '../support/eventually.js';
import { killSandbox } from '../support/kill-sandbox.js';

const repo = new URL('../..', import.meta.url).pathname;
const PASSWORD = 'hunter2-sandbox-secret';

describe('klaxon start with REDIS_URL', () => {
  let locked: RunningRedis | undefined;
  let sandbox: ChildProcess | undefined;
  let work: string | undefined;
  afterAll(async () => {
    if (sandbox && work) await killSandbox(sandbox, work);
    await locked?.stop();
  });

  it('prints where its data is without the password', async () => {
    const started = await startRedisServer({ extraArgs: ['--requirepass', PASSWORD] });
    if (!started.ok) throw new Error(started.error);
    locked = started.value;
    work = await mkdtemp(join(tmpdir(), 'klaxon-banner-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), LOG_LEVEL: 'warn', REDIS_URL: locked.url.replace('redis://', `redis://:${PASSWORD}@`) };
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'REDIS_SENTINELS', 'BACKTEST_ROOT', 'KLAXON_POLICY', 'REPORTS_DIR', 'HOST']) delete env[name];
    sandbox = spawn(process.execPath, [join(repo, 'bin', 'klaxon.js'), 'start'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    sandbox.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    sandbox.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(() => /Ctrl-C to stop/.test(output), 'the sandbox printed its banner', 60_000);
    expect(output).toContain(`(Redis redis://127.0.0.1:${locked.port})`);
    expect(output).not.toContain(PASSWORD);
  }, 90_000);
});
