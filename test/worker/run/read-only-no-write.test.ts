// Read-only means read-only: every read-only entry runs on a copy of the demo host and a digest of every
// file (ignored and hidden ones included) is the same afterwards. The guard itself is shown refusing a
// write, so the digest comparison is not the only thing standing between a diagnostic and the tree.
import { describe, it, expect, beforeAll } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { resolveCommand } from '../../../src/domain/command-resolution.js';
import { runCommand } from '../../../src/worker/run/run-command.js';
import { digestTree, treeChanges } from '../../../src/worker/run/tree-digest.js';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { hostHelpersDir } from '../../../src/worker/run/host-helpers.js';
import { context, demoHost, PYTHON, pythonSpec, tempDir } from './fixtures.js';

let root = '';
beforeAll(async () => {
  root = await demoHost('no-write');
});

describe('read-only entries on the demo host', () => {
  it.each(catalogue.filter((spec) => spec.risk === 'read-only').map((spec) => [spec.id, spec] as const))('%s writes nothing', async (id, spec) => {
    const resolved = resolveCommand(catalogue, id, {});
    if (!resolved.ok) throw new Error(`refused: ${JSON.stringify(resolved.error)}`);
    const before = await digestTree(root);
    const result = await runCommand(spec, resolved.value.params, context(root));
    expect(treeChanges(before, await digestTree(root)), result.output).toEqual([]);
    expect(result.output).not.toContain('read-only guard refused');
  });

  it('the guard refuses a write, a log file and bytecode under the root, and says so', async () => {
    const code = [
      'import logging, os',
      "logging.basicConfig(filename='logs/diagnostic.log'); logging.warning('to the side')",
      'import strategies.base_strategy',
      'try:',
      "    open('config/tampered.txt', 'w')",
      'except PermissionError as error:',
      '    print(error)',
      "os.makedirs('logs', exist_ok=True)",
      "print('done')",
    ].join('\n');
    const before = await digestTree(root);
    const result = await runCommand(pythonSpec('guard.demo', code), {}, context(root));
    expect(result.outcome, result.output).toBe('succeeded');
    expect(result.output).toContain('klaxon read-only guard: refused write of config/tampered.txt under BACKTEST_ROOT');
    expect(result.output).toMatch(/read-only guard refused 1 write\(s\) under BACKTEST_ROOT: write config\/tampered\.txt/);
    expect(treeChanges(before, await digestTree(root))).toEqual([]);
  });

  it('still runs on a host whose temporary folder is full: the project\'s log files go to the null device, and the output says so', async () => {
    // What a full disk does to the guard's own folder, made to happen: Python's site hook runs before the guard.
    const site = await tempDir('full-tmp');
    await writeFile(join(site, 'sitecustomize.py'), ['import errno, tempfile', 'def full(*args, **kwargs):', "    raise OSError(errno.ENOSPC, 'No space left on device')", 'tempfile.mkdtemp = full', ''].join('\n'));
    const code = ["import logging; logging.basicConfig(filename='logs/diagnostic.log'); logging.warning('to the side')", "print('diagnosed')"].join('\n');
    const before = await digestTree(root);
    // The guard itself, as the runner starts it (the runner passes no PYTHONPATH).
    const result = await execa(PYTHON, [join(hostHelpersDir(), 'klaxon_guard.py'), '-c', code], { cwd: root, env: { PATH: process.env['PATH'] ?? '', PYTHONPATH: site }, extendEnv: false, reject: false });
    expect(result.stderr).toContain("klaxon: no temporary folder for the read-only guard (No space left on device); the project's log files go nowhere");
    expect([result.exitCode, result.stdout]).toEqual([0, 'diagnosed']);
    expect(treeChanges(before, await digestTree(root))).toEqual([]);
  });

  it('removes its own temporary folder when the script ends, also where no run folder is around it', async () => {
    const tmp = await tempDir('guard-tmp');
    const code = "import logging, tempfile; logging.basicConfig(filename='logs/diagnostic.log'); logging.warning('x'); print(tempfile.mkstemp()[1])";
    const result = await execa(PYTHON, [join(hostHelpersDir(), 'klaxon_guard.py'), '-c', code], { cwd: root, env: { PATH: process.env['PATH'] ?? '', TMPDIR: tmp }, extendEnv: false });
    expect(result.stdout.startsWith(join(tmp, 'klaxon-readonly-'))).toBe(true);
    expect(await readdir(tmp)).toEqual([]);
  });

  it("lets a diagnostic clean up its own temporary folder, and still refuses a delete in the tree named relative to a folder it opened", async () => {
    const code = [
      'import os, tempfile',
      'with tempfile.TemporaryDirectory() as scratch:',
      "    os.makedirs(os.path.join(scratch, 'sub'))",
      "    open(os.path.join(scratch, 'sub', 'f'), 'w').write('x')",
      "print('cleaned', not os.path.exists(scratch))",
      "fd = os.open('strategies', os.O_RDONLY)",
      'try:',
      "    os.remove('__init__.py', dir_fd=fd)",
      'except PermissionError as error:',
      '    print(error)',
    ].join('\n');
    const before = await digestTree(root);
    const result = await runCommand(pythonSpec('guard.tempdir', code), {}, context(root));
    expect(result.output).toContain('cleaned True');
    expect(result.output).toMatch(/read-only guard refused 1 write\(s\) under BACKTEST_ROOT: remove __init__\.py$/m);
    expect(treeChanges(before, await digestTree(root))).toEqual([]);
  });

  it('the digest notices a write (the comparison can fail)', async () => {
    const before = await digestTree(root);
    const spec = pythonSpec('guard.mutating', "open('logs/written.log', 'w').write('x')", { risk: 'mutating' });
    await runCommand(spec, {}, context(root));
    expect(treeChanges(before, await digestTree(root))).toEqual(['logs/written.log']);
  });
});
