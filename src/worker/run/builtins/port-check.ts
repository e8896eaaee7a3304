// netstat -an | findstr :5000 — tries a loopback connection and reads the kernel's socket tables.
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Builtin } from '../builtin.js';
import { paramInt } from '../builtin.js';

const probe = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (answer: string): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done('no answer within 1 s'));
    socket.once('connect', () => done('accepted a connection'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : `error ${error.code ?? error.message}`));
  });

const STATES: Readonly<Record<string, string>> = { '0A': 'LISTEN', '01': 'ESTABLISHED', '06': 'TIME_WAIT', '08': 'CLOSE_WAIT' };

async function socketsOn(port: number): Promise<string[] | undefined> {
  const lines: string[] = [];
  let readAny = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    readAny = true;
    for (const row of text.split('\n').slice(1)) {
      const [, local, remote, state] = row.trim().split(/\s+/);
      if (!local || !remote || !state) continue;
      const localPort = parseInt(local.split(':')[1] ?? '', 16);
      if (localPort === port) lines.push(`${table.endsWith('6') ? 'tcp6' : 'tcp'} ${STATES[state] ?? state} local ${local} remote ${remote}`);
    }
  }
  return readAny ? lines : undefined;
}

// Reports whether something listens on the port; finding nothing is an answer, not a failure.
export const portCheck: Builtin = async ({ options, params, print }) => {
  const port = paramInt(params, 'port', typeof options['port'] === 'number' ? options['port'] : 5000);
  print(`127.0.0.1:${port}: ${await probe(port)}`);
  const sockets = await socketsOn(port);
  if (sockets === undefined) print('(no /proc/net/tcp on this platform)');
  else if (sockets.length === 0) print(`No socket uses port ${port}.`);
  else for (const line of sockets) print(line);
  return { exitCode: 0 };
};
