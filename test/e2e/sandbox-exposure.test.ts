// What the sandbox exposes, probed from outside like an attacker on the same machine or a web page in the
// user's browser: the real `klaxon start` process, its console and its bot port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/sandbox/redis-server.js';
import { killSandbox } from '../support/kill-sandbox.js';
import { rawRequest } from '../support/raw-request.js';

const repo = new URL('../..', import.meta.url).pathname;
let sandbox: ChildProcess;
let output = '';
let work: string;
let consoleUrl: URL;
let botPort: number;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'klaxon-exposure-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), LOG_LEVEL: 'info', LOG_FORMAT: 'json' };
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'REDIS_URL', 'BACKTEST_ROOT', 'KLAXON_POLICY', 'REPORTS_DIR', 'HOST']) delete env[name];
  sandbox = spawn(process.execPath, [join(repo, 'bin', 'klaxon.js'), 'start'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  sandbox.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  sandbox.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output}`)), 30_000);
    const check = () => {
      const url = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})/.exec(output)?.[1];
      const ready = /"port":(\d+),"host":"([^"]+)"[^\n]*klaxon bot ready/.exec(output);
      if (url && ready?.[1]) {
        clearTimeout(timer);
        consoleUrl = new URL(url);
        botPort = Number(ready[1]);
        expect(ready[2]).toBe('127.0.0.1');
        resolve();
      }
    };
    sandbox.stdout?.on('data', check);
    sandbox.stderr?.on('data', check);
    sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${output}`)));
  });
}, 60_000);

afterAll(async () => {
  if (sandbox && work) await killSandbox(sandbox, work);
  else if (work) await rm(work, { recursive: true, force: true });
});

const base = () => `${consoleUrl.protocol}//${consoleUrl.host}`;
const token = () => consoleUrl.searchParams.get('token') as string;
const declareBody = JSON.stringify({ userId: 'U0L2SYS', channelId: 'C0GENERAL', text: '/incident declare critical Forged from another site' });

async function channelsNow(): Promise<{ name: string }[]> {
  const answer = await fetch(`${base()}/console/api/channels?user=U0L2SYS`, { headers: { 'x-console-token': token() } });
  expect(answer.status).toBe(200);
  return (await answer.json()) as { name: string }[];
}

describe('the sandbox from outside', () => {
  it('keeps its data folder private', async () => {
    expect((await stat(join(work, '.klaxon'))).mode & 0o777).toBe(0o700);
  });

  it('serves the page and its favicon, but the API only with the printed token', async () => {
    expect((await fetch(consoleUrl)).status).toBe(200);
    const icon = await fetch(`${base()}/favicon.ico`);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect((await fetch(`${base()}/console/api/workspace`)).status).toBe(403);
    expect((await fetch(`${base()}/console/api/workspace`, { headers: { 'x-console-token': '0'.repeat(32) } })).status).toBe(403);
    expect((await fetch(`${base()}/console/api/workspace`, { headers: { 'x-console-token': token() } })).status).toBe(200);
  });

  it('refuses a cross-site POST (form or JSON, with or without the token) and declares nothing', async () => {
    const before = await channelsNow();
    const attempts: Record<string, string>[] = [
      { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      { origin: 'http://evil.example', 'content-type': 'application/json', 'x-console-token': token() },
      { origin: 'null', 'content-type': 'application/json', 'x-console-token': token() },
      { 'content-type': 'text/plain', 'x-console-token': token() },
    ];
    for (const headers of attempts) {
      const answer = await fetch(`${base()}/console/api/command`, { method: 'POST', headers, body: declareBody });
      expect([JSON.stringify(headers), answer.status]).toEqual([JSON.stringify(headers), 403]);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await channelsNow()).map((c) => c.name)).toEqual(before.map((c) => c.name));
  });

  it('answers the Web API only to the bot it started: a token anyone can read in the source is refused, also from a cross-site form', async () => {
    const known = 'xoxb-klaxon-sandbox';
    const asked = await fetch(`${base()}/api/auth.test`, { method: 'POST', headers: { authorization: `Bearer ${known}` } });
    expect(await asked.json()).toMatchObject({ ok: false, error: 'invalid_auth' });
    // What a page on another site can send without asking: a form, the token in a field, to the default port.
    const form = new URLSearchParams({ token: known, channel: 'C0000000002', text: '<!channel> approved, run it' });
    const posted = await fetch(`${base()}/api/chat.postMessage`, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(await posted.json()).toMatchObject({ ok: false, error: 'invalid_auth' });
    const read = await fetch(`${base()}/api/conversations.history`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: known, channel: 'C0000000002' }) });
    expect(await read.json()).toMatchObject({ ok: false, error: 'invalid_auth' });
  });

  it('opens no Socket Mode connection for an app token it did not make: a connected socket would take every command and click from the bot', async () => {
    const opened = await fetch(`${base()}/api/apps.connections.open`, { method: 'POST', headers: { authorization: 'Bearer xapp-1-A0KLAXON-anything' } });
    expect(await opened.json()).toMatchObject({ ok: false, error: 'invalid_auth' });
  });

  it('refuses a foreign Host (DNS rebinding) on the console and the Web API', async () => {
    const port = consoleUrl.port;
    for (const path of ['/', `/console/api/workspace?token=${token()}`, '/api/auth.test']) {
      const answer = await rawRequest(base(), path, { headers: { host: `rebind.evil.example:${port}` } });
      expect([path, answer.status]).toEqual([path, 403]);
    }
    expect((await rawRequest(base(), '/', { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('binds the bot to loopback only', async () => {
    expect((await fetch(`http://127.0.0.1:${botPort}/healthz`)).status).toBe(200);
    const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    // On a machine with another interface, the port is closed there.
    if (outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: outside, port: botPort });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });
});
