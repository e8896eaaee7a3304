import { Redis } from 'ioredis';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor-command.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';
import { DEFAULT_SCOPES } from '../../src/sandbox/emulator/default-workspace.js';
import { createSlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';

function capture() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { io: { stdout: stream, stderr: stream }, text: () => text };
}

async function doctor(redisUrl: string, env: Record<string, string> = {}) {
  const config = loadConfig({ REDIS_URL: redisUrl, ...env }, 'doctor');
  if (!config.ok) throw config.error;
  const out = capture();
  const code = await doctorCommand([], config.value, createLogger({ level: 'silent', pretty: false }), out.io);
  return { code, text: out.text() };
}

describe('klaxon doctor', () => {
  let misconfigured: RunningRedis;
  beforeAll(async () => {
    const started = await startRedisServer({ extraArgs: ['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no'] });
    if (!started.ok) throw new Error(started.error);
    misconfigured = started.value;
  });
  afterAll(async () => misconfigured?.stop());

  it('passes against a Redis that keeps data safely', async () => {
    const { code, text } = await doctor(inject('redisUrl'));
    expect(text).toMatch(/✓ Redis 7\.\d+\.\d+ reachable/);
    expect(text).not.toContain('✗');
    expect(code).toBe(0);
  });

  it('says when fewer replicas are connected than actions wait for', async () => {
    const { code, text } = await doctor(inject('redisUrl'), { REDIS_WAIT_REPLICAS: '1' });
    expect(text).toContain('✗ 0 replica(s) connected but REDIS_WAIT_REPLICAS is 1: every action is answered "not saved"');
    expect(code).toBe(1);
  });

  it('names both problems, each with its fix, and fails', async () => {
    const { code, text } = await doctor(misconfigured.url);
    expect(text).toMatch(/✗ maxmemory-policy is allkeys-lru.*set `maxmemory-policy noeviction`/);
    expect(text).toMatch(/✗ appendonly is no.*set `appendonly yes`/);
    expect(code).toBe(1);
  });

  it('fails for a host whose workers are gone, and says how to forget the host when its name was a mistake', async () => {
    const prefix = `doctor${Date.now().toString(36)}`;
    const redis = new Redis(inject('redisUrl'));
    try {
      await redis.sadd(`{${prefix}}:workers`, 'backtset-1');
      const { code, text } = await doctor(inject('redisUrl'), { KLAXON_REDIS_PREFIX: prefix });
      expect(text).toContain('✗ Worker backtset-1 is offline: start `klaxon worker` with WORKER_HOST=backtset-1 on that host.');
      const forget = /`redis-cli SREM '([^']+)' (\S+)`/.exec(text);
      expect(forget?.slice(1)).toEqual([`{${prefix}}:workers`, 'backtset-1']);
      expect(code).toBe(1);

      // The advice, followed: the host is forgotten and the check passes again.
      await redis.srem(forget?.[1] ?? '', forget?.[2] ?? '');
      const after = await doctor(inject('redisUrl'), { KLAXON_REDIS_PREFIX: prefix });
      expect(after.text).toContain('No worker has registered yet');
      expect(after.code).toBe(0);
    } finally {
      await redis.del(`{${prefix}}:workers`);
      redis.disconnect();
    }
  });

  it('says when Redis is unreachable', async () => {
    const { code, text } = await doctor('redis://127.0.0.1:1');
    expect(text).toMatch(/✗ Redis at redis:\/\/127\.0\.0\.1:1 is unreachable/);
    expect(code).toBe(1);
  });

  it('names a stakeholder channel klaxon is not in, and an app token Slack refuses, each with its fix', async () => {
    const emulator = await createSlackEmulator({
      signingSecret: 'doctor-secret',
      botToken: 'xoxb-doctor',
      appToken: 'xapp-1-right',
      channels: [{ name: 'general', botIsMember: true }, { name: 'incidents' }],
      console: false,
    });
    try {
      const incidents = emulator.channel('incidents')?.id as string;
      const env = { SLACK_BOT_TOKEN: 'xoxb-doctor', SLACK_API_URL: emulator.apiUrl, STAKEHOLDER_CHANNEL: incidents, SLACK_APP_TOKEN: 'xapp-1-wrong' };
      const refused = await doctor(inject('redisUrl'), env);
      expect(refused.text).toContain(`✗ klaxon is not a member of ${incidents} (STAKEHOLDER_CHANNEL): type \`/invite @klaxon\` in that channel`);
      expect(refused.text).toMatch(/✗ SLACK_APP_TOKEN refused \(invalid_auth\): generate an app-level token with the connections:write scope/);
      expect(refused.code).toBe(1);

      emulator.addMember('incidents', 'U0KLAXONBOT');
      const fixed = await doctor(inject('redisUrl'), { ...env, SLACK_APP_TOKEN: 'xapp-1-right' });
      expect(fixed.text).toContain(`✓ klaxon is a member of ${incidents}`);
      expect(fixed.text).toMatch(/✓ Socket Mode token works/);
      expect(fixed.text).toMatch(/✓ The bot token has every scope manifest.yml asks for/);
      expect(fixed.code).toBe(0);

      // A name posts, but Slack's other methods refuse it: the doctor asks for the ID.
      const named = await doctor(inject('redisUrl'), { ...env, SLACK_APP_TOKEN: 'xapp-1-right', STAKEHOLDER_CHANNEL: 'incidents' });
      expect(named.text).toMatch(/✗ STAKEHOLDER_CHANNEL=incidents is a name: set it to the channel's ID/);
      expect(named.code).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  it('names the scopes the token lacks and an ops channel klaxon is not in, each with its fix', async () => {
    const emulator = await createSlackEmulator({
      signingSecret: 'doctor-secret',
      botToken: 'xoxb-doctor',
      channels: [{ name: 'incidents', botIsMember: true }, { name: 'ops' }],
      // Installed before channels:history and channels:join were added to the manifest.
      scopes: DEFAULT_SCOPES.filter((scope) => scope !== 'channels:history' && scope !== 'channels:join'),
      console: false,
    });
    try {
      const [incidents, ops] = ['incidents', 'ops'].map((name) => emulator.channel(name)?.id as string) as [string, string];
      const env = { SLACK_BOT_TOKEN: 'xoxb-doctor', SLACK_API_URL: emulator.apiUrl, STAKEHOLDER_CHANNEL: incidents, OPS_CHANNEL: ops };
      const { code, text } = await doctor(inject('redisUrl'), env);
      expect(text).toMatch(/✗ The bot token lacks channels:join, channels:history: add them under OAuth & Permissions .* reinstall the app/);
      expect(text).toContain(`✗ klaxon is not a member of ${ops} (OPS_CHANNEL): type \`/invite @klaxon\` in that channel, or scheduled maintenance and the canary never report`);
      expect(text).toContain(`✓ klaxon is a member of ${incidents} (STAKEHOLDER_CHANNEL)`);
      expect(code).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});
