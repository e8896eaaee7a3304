// Starts a private redis-server on a free loopback port: for the test run and for the sandbox.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { err, ok, type Result } from '../domain/result.js';

export interface RunningRedis {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Data folder; a new temporary one when omitted. */
  readonly dir?: string;
  /** Keep data between runs (AOF is always on; this only decides whether dir is reused). */
  readonly persistent?: boolean;
  readonly binary?: string;
  readonly port?: number;
  readonly extraArgs?: readonly string[];
}

export const REDIS_INSTALL_HINT =
  'redis-server was not found. Install it with: sudo apt-get install -y redis-server (Debian/Ubuntu) ' +
  'or brew install redis (macOS), or set REDIS_URL to a running Redis >= 7.';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Where a started redis-server's port is written, in its data folder.
const PORT_FILE = 'klaxon-redis.port';

/**
 * Shuts down a redis-server left running on a data folder by a klaxon that was killed (kill -9, the OOM killer):
 * its Redis is in a process group of its own and outlives it. Two servers appending to one folder's AOF would
 * corrupt it, so a new start stops the old one first. Only a server that answers on the recorded port and
 * reports this folder as its own is shut down (a normal SHUTDOWN, which flushes the AOF). Returns whether one was.
 */
export async function stopLeftoverRedis(dir: string): Promise<boolean> {
  const port = Number(await readFile(join(dir, PORT_FILE), 'utf8').catch(() => ''));
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) return false;
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, connectTimeout: 1_000, commandTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const [, itsDir] = (await redis.config('GET', 'dir')) as [string, string];
    if (itsDir !== (await realpath(dir))) return false;
    await redis.shutdown().catch(() => undefined);
    await closed(port);
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

// Resolves once nothing listens on the port any more (a shut-down Redis closes it after flushing its AOF), or
// after 10 s.
async function closed(port: number): Promise<void> {
  for (const until = Date.now() + 10_000; Date.now() < until; ) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<Result<RunningRedis, string>> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'klaxon-redis-')));
  // A folder made here holds nothing anyone asked to keep: it goes when this server stops or fails to start.
  const removeOwnDir = () => (options.dir === undefined ? rm(dir, { recursive: true, force: true }) : Promise.resolve());
  await mkdir(dir, { recursive: true });
  if (options.dir !== undefined) await stopLeftoverRedis(dir);
  const port = options.port ?? (await freePort());
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
    ...(options.extraArgs ?? []),
  ];
  // Its own process group: a terminal's Ctrl-C reaches only klaxon, which stops Redis last, after the
  // workers and queues that still need it have closed.
  const child = spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stopWithUs = () => child.kill('SIGTERM');
  process.once('exit', stopWithUs);
  const started = await new Promise<Result<void, string>>((resolve) => {
    let output = '';
    const timer = setTimeout(() => resolve(err(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err(e.code === 'ENOENT' ? REDIS_INSTALL_HINT : `redis-server failed to start: ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(err(`redis-server exited with code ${code}:\n${output}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(ok(undefined));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
  if (!started.ok) {
    process.off('exit', stopWithUs);
    child.kill('SIGKILL');
    await removeOwnDir();
    return started;
  }
  await writeFile(join(dir, PORT_FILE), `${port}\n`);
  child.removeAllListeners('exit');
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.resume();
  return ok({
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    process: child,
    stop: async () => {
      await new Promise<void>((resolve) => {
        process.off('exit', stopWithUs);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      await removeOwnDir();
    },
  });
}
