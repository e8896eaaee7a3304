// Connections found through Sentinel must outlive a failover whatever they were doing when it was announced.
// The race this pins down: the primary dies, every connection retries (asking a Sentinel for the primary each
// time), and the `+switch-master` announcement arrives while a retry is still waiting for a Sentinel's answer.
// A slow Sentinel (a loaded machine) widens that window; the connection must then carry on to the new primary,
// not give up for good ("Connection is closed").
import { createConnection, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisPurpose } from '../../src/store/redis-connection.js';
import { eventually } from '../support/eventually.js';
import { startSentinelGroup, type SentinelGroup } from '../support/sentinel-group.js';

/** A proxy to a Sentinel that answers every request `delayMs` late, as a Sentinel on a busy machine does. */
function slowProxy(target: number, delayMs: number): Promise<{ server: Server; address: string }> {
  const server = createServer((client) => {
    const upstream = createConnection(target, '127.0.0.1');
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) socket.on('close', close).on('error', close);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, address: `127.0.0.1:${(server.address() as { port: number }).port}` })));
}

describe('connections through Sentinel across a failover', () => {
  let group: SentinelGroup;
  let proxy: { server: Server; address: string };
  beforeAll(async () => {
    group = await startSentinelGroup('klaxon-race');
    const [first] = group.sentinels.split(',');
    proxy = await slowProxy(Number(first?.split(':')[1]), 500);
  }, 120_000);
  afterAll(async () => {
    proxy?.server.close();
    await group?.stop();
  }, 60_000);

  it('all reach the promoted replica, none gives up while a retry is asking a Sentinel', { timeout: 180_000 }, async () => {
    // The slow Sentinel first: every retry asks it, and waits for its answer, before the fast ones.
    const sentinels = [proxy.address, ...group.sentinels.split(',')].map((address) => ({ host: '127.0.0.1', port: Number(address.split(':')[1]) }));
    const purposes: RedisPurpose[] = ['command', 'blocking'];
    const connections = Array.from({ length: 40 }, (_, n) => {
      const redis = createRedis({ sentinel: { sentinels, name: group.name } }, purposes[n % 2] as RedisPurpose);
      redis.on('error', () => {});
      return redis;
    });
    try {
      await Promise.all(connections.map((redis) => redis.set(`before:${redis.options.connectionName}`, '1')));
      group.primary.process.kill('SIGKILL');
      const promoted = await eventually(async () => {
        const port = await group.primaryPort().catch(() => 0);
        return group.replicas.some((r) => r.port === port) && port;
      }, 'the Sentinels to promote a replica', 120_000);
      // Each connection writes on the new primary (a command connection may fail a write or two on the way),
      // or has given up for good.
      await eventually(
        async () => {
          const written = await Promise.all(connections.map((redis) => redis.set('after', '1').then(() => true, () => redis.status === 'end')));
          return written.every(Boolean);
        },
        'every connection writing on the promoted replica or given up',
        60_000,
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; connections: ${connections.map((redis) => redis.status).join(' ')}`);
      });
      expect(connections.map((redis) => redis.status)).toEqual(connections.map(() => 'ready'));
      expect(new Set(connections.map((redis) => redis.stream.remotePort))).toEqual(new Set([promoted]));
    } finally {
      for (const redis of connections) redis.disconnect();
    }
  });
});
