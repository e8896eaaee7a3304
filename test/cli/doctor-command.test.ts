import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor-command.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';

function capture() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { io: { stdout: stream, stderr: stream }, text: () => text };
}

async function doctor(redisUrl: string) {
  const config = loadConfig({ REDIS_URL: redisUrl }, 'doctor');
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

  it('names both problems, each with its fix, and fails', async () => {
    const { code, text } = await doctor(misconfigured.url);
    expect(text).toMatch(/✗ maxmemory-policy is allkeys-lru.*set `maxmemory-policy noeviction`/);
    expect(text).toMatch(/✗ appendonly is no.*set `appendonly yes`/);
    expect(code).toBe(1);
  });

  it('says when Redis is unreachable', async () => {
    const { code, text } = await doctor('redis://127.0.0.1:1');
    expect(text).toMatch(/✗ Redis at redis:\/\/127\.0\.0\.1:1 is unreachable/);
    expect(code).toBe(1);
  });
});
