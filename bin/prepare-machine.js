#!/usr/bin/env node
// Makes a fresh clone ready for `npm start` / `npm test` before anything else runs: installs the npm
// dependencies and builds when needed, and installs the system programs klaxon needs (redis-server, python3,
// and Chromium for the browser tests) with apt-get when running as root — otherwise it says exactly what to
// install. Plain Node on purpose: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] === 'test' ? 'test' : 'start';

const onPath = (program) => spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const needed = [];
if (!process.env.REDIS_URL && !onPath('redis-server')) needed.push({ program: 'redis-server', apt: 'redis-server' });
if (!onPath('python3')) needed.push({ program: 'python3', apt: 'python3' });
if (mode === 'test' && !process.env.CHROMIUM_PATH && !onPath('chromium')) needed.push({ program: 'chromium', apt: 'chromium' });

if (needed.length > 0) {
  const packages = needed.map((n) => n.apt);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.error(`klaxon: installing ${packages.join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...packages]]) {
      const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (result.status !== 0) process.exit(result.status ?? 1);
    }
  } else {
    console.error(
      `klaxon needs ${needed.map((n) => n.program).join(', ')}, which this machine does not have.\n` +
        `Install it with:  sudo apt-get install -y ${packages.join(' ')}` +
        (mode === 'start' ? '\n(or set REDIS_URL to a running Redis >= 7 instead of installing redis-server)' : ''),
    );
    process.exit(1);
  }
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) run('npm', ['ci', '--no-audit', '--no-fund']);
if (!existsSync(join(root, 'dist', 'src', 'cli.js'))) run('npm', ['run', 'build']);
