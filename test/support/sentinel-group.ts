// A Redis primary, two replicas and three Sentinels on free loopback ports in a temporary folder, as a test's
// own Redis (two replicas, so that after a failover the new primary still has one to wait for). Each replica
// follows the primary through a relay the test can hold, to model replicas that lag (a slow link): what the
// primary wrote while the relays hold it never reaches a replica if the primary dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';
import { eventually } from './klaxon-harness.js';

export interface SentinelGroup {
  readonly name: string;
  /** REDIS_SENTINELS for klaxon. */
  readonly sentinels: string;
  readonly primary: RunningRedis;
  readonly replicas: readonly RunningRedis[];
  /** Holds (true) or releases (false) what the primary sends its replicas. */
  holdReplication(held: boolean): void;
  /** The port the Sentinels name as primary now. */
  primaryPort(): Promise<number>;
  /** The end of what each Sentinel logged: how far a failover got, for a test that waited for one in vain. */
  sentinelLog(): string;
  stop(): Promise<void>;
}

/** Forwards replica ⇄ primary; while held, the primary's stream is buffered, and dropped if the primary dies. */
function relay(target: number): Promise<{ server: Server; port: number; hold(held: boolean): void }> {
  let held = false;
  const links: { toReplica: Socket; queued: Buffer[] }[] = [];
  const server = createServer((fromReplica) => {
    const toPrimary = createConnection(target, '127.0.0.1');
    const link = { toReplica: fromReplica, queued: [] as Buffer[] };
    links.push(link);
    fromReplica.pipe(toPrimary);
    toPrimary.on('data', (chunk: Buffer) => (held ? link.queued.push(chunk) : fromReplica.write(chunk)));
    const close = () => {
      link.queued.length = 0;
      fromReplica.destroy();
      toPrimary.destroy();
    };
    toPrimary.on('close', close).on('error', close);
    fromReplica.on('close', close).on('error', close);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        port: (server.address() as { port: number }).port,
        hold(next) {
          held = next;
          if (!held) for (const link of links) for (const chunk of link.queued.splice(0)) link.toReplica.write(chunk);
        },
      }),
    ),
  );
}

async function startSentinel(dir: string, n: number, name: string, primaryPort: number): Promise<{ port: number; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const file = join(dir, `sentinel-${n}.conf`);
  // Quick to act (a test cannot wait the default 30 s), but slow to "fix" a replica that replicates through
  // the relay rather than from the primary's own address.
  await writeFile(
    file,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 2`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 60000`,
      `sentinel parallel-syncs ${name} 1`,
      '',
    ].join('\n'),
  );
  const child = spawn('redis-sentinel', [file], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(() => output.includes('+monitor') || child.exitCode !== null, `sentinel ${n} monitoring`, 60_000);
  if (!output.includes('+monitor')) throw new Error(`redis-sentinel did not start:\n${output}`);
  return { port, child, output: () => output };
}

export async function startSentinelGroup(name = 'klaxon-test'): Promise<SentinelGroup> {
  const dir = await mkdtemp(join(tmpdir(), 'klaxon-sentinel-'));
  const primary = await startRedisServer({ dir: join(dir, 'primary') });
  if (!primary.ok) throw new Error(primary.error);
  const links = await Promise.all([relay(primary.value.port), relay(primary.value.port)]);
  const replicas = await Promise.all(
    links.map(async (link, n) => {
      const replica = await startRedisServer({ dir: join(dir, `replica-${n}`), extraArgs: ['--replicaof', '127.0.0.1', String(link.port)] });
      if (!replica.ok) throw new Error(replica.error);
      return replica.value;
    }),
  );
  const probe = new Redis(primary.value.url);
  await eventually(async () => /connected_slaves:2/.test(await probe.info('replication')), 'the replicas in sync', 60_000);
  probe.disconnect();
  const sentinels = await Promise.all([1, 2, 3].map((n) => startSentinel(dir, n, name, primary.value.port)));
  const ask = new Redis({ port: sentinels[0]?.port as number, host: '127.0.0.1', lazyConnect: false });
  // Sentinels must know the replica (from the primary's INFO) and each other before they can fail over.
  await eventually(async () => {
    const found = (await ask.call('SENTINEL', 'REPLICAS', name)) as unknown[];
    const known = (await ask.call('SENTINEL', 'SENTINELS', name)) as unknown[];
    return known.length === 2 && found.length === 2;
  }, 'the sentinels to find the replicas and each other', 60_000);
  return {
    name,
    sentinels: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    primary: primary.value,
    replicas,
    holdReplication: (held) => links.forEach((link) => link.hold(held)),
    async primaryPort() {
      const [, port] = (await ask.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
      return Number(port);
    },
    sentinelLog: () => sentinels.map((s, n) => `--- sentinel ${n + 1} ---\n${s.output().slice(-1_500)}`).join('\n'),
    async stop() {
      ask.disconnect();
      for (const s of sentinels) if (s.child.exitCode === null) s.child.kill('SIGKILL');
      for (const link of links) link.server.close();
      await Promise.all([primary.value, ...replicas].map((r) => r.stop()));
    },
  };
}
