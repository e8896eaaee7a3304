// Issue 11, finding 10: the real `klaxon start` stopped and started again in the same folder keeps its Slack
// side (channels, messages, files) beside Redis's open incidents, and the bot carries on in the same channel
// instead of retrying channel_not_found.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/sandbox/redis-server.js';
import { eventually } from '../support/klaxon-harness.js';
import { killSandbox } from '../support/kill-sandbox.js';

const repo = new URL('../..', import.meta.url).pathname;

interface Started {
  readonly process: ChildProcess;
  readonly base: string;
  readonly token: string;
  output(): string;
}

type ConsoleMessage = { ts: string; text: string; replyCount?: number; files?: { id: string }[] };

async function startSandbox(work: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), LOG_LEVEL: 'info', LOG_FORMAT: 'json' };
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'REDIS_URL', 'BACKTEST_ROOT', 'KLAXON_POLICY', 'REPORTS_DIR', 'HOST']) delete env[name];
  const child = spawn(process.execPath, [join(repo, 'bin', 'klaxon.js'), 'start'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await eventually(() => /klaxon bot ready/.test(output) && /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})/.exec(output)?.[1], 'the sandbox started', 60_000);
  const consoleUrl = new URL(url);
  return { process: child, base: `${consoleUrl.protocol}//${consoleUrl.host}`, token: consoleUrl.searchParams.get('token') as string, output: () => output };
}

async function stopSandbox(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.process.once('exit', resolve));
  process.kill(-(started.process.pid as number), 'SIGINT');
  await exited;
}

const api = async <T>(s: Started, path: string, body?: unknown): Promise<T> => {
  const answer = await fetch(`${s.base}/console/api/${path}`, {
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    headers: { 'x-console-token': s.token, 'content-type': 'application/json' },
  });
  return (await answer.json()) as T;
};
const channels = (s: Started) => api<{ id: string; name: string }[]>(s, 'channels?user=U0L1OPS');
const messages = (s: Started, channel: string) => api<ConsoleMessage[]>(s, `channels/${channel}/messages?user=U0L1OPS`);
const thread = (s: Started, channel: string, ts: string) => api<ConsoleMessage[]>(s, `channels/${channel}/thread/${ts}?user=U0L1OPS`);

describe('the sandbox across a restart', () => {
  let work: string | undefined;
  let running: Started | undefined;
  afterAll(async () => {
    if (running && work) await killSandbox(running.process, work);
    else if (work) await rm(work, { recursive: true, force: true });
  });

  it('keeps channels, messages and files, and the bot goes on in the incident channel', async () => {
    work = await mkdtemp(join(tmpdir(), 'klaxon-restart-'));
    running = await startSandbox(work);
    const first = running;
    const general = (await channels(first)).find((c) => c.name === 'general')?.id as string;
    await api(first, 'command', { userId: 'U0L1OPS', channelId: general, text: '/incident declare critical Survives a restart' });
    const incident = await eventually(async () => (await channels(first)).find((c) => c.name.endsWith('survives-a-restart')), 'the incident channel', 30_000);
    // Stakeholders hear of it in #incidents: the sandbox names that channel by id, as a workspace must.
    const stakeholders = (await channels(first)).find((c) => c.name === 'incidents')?.id as string;
    await eventually(async () => (await messages(first, stakeholders)).some((m) => m.text.includes('Survives a restart')), 'the stakeholder notice in #incidents', 30_000);
    // The host snapshot taken at declaration leaves a file in its run's thread.
    const file = await eventually(async () => {
      for (const root of (await messages(first, incident.id)).filter((m) => (m.replyCount ?? 0) > 0)) {
        const found = (await thread(first, incident.id, root.ts)).find((m) => (m.files ?? []).length > 0);
        if (found?.files?.[0]) return { root: root.ts, id: found.files[0].id };
      }
      return undefined;
    }, 'a file in a run thread', 90_000);
    const before = await messages(first, incident.id);
    await stopSandbox(first);

    running = await startSandbox(work);
    const second = running;
    expect((await channels(second)).map((c) => c.id)).toContain(incident.id);
    const after = await messages(second, incident.id);
    expect(after.map((m) => m.ts)).toEqual(expect.arrayContaining(before.map((m) => m.ts)));
    expect((await thread(second, incident.id, file.root)).some((m) => m.files?.some((f) => f.id === file.id))).toBe(true);
    expect((await fetch(`${second.base}/files/${file.id}?token=${second.token}`)).status).toBe(200);

    await api(second, 'command', { userId: 'U0L1OPS', channelId: incident.id, text: '/incident update Still here after the restart' });
    await eventually(async () => (await messages(second, incident.id)).some((m) => m.text.includes('Still here after the restart')), 'the update in the same channel', 30_000);
    expect(second.output()).not.toContain('channel_not_found');
  }, 240_000);
});
