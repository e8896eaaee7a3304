// The demo backtest host itself: standard library only, and every main.py flag of the runbook works.
import { describe, it, expect, beforeAll } from 'vitest';
import { execa } from 'execa';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoHostSource } from '../../src/worker/run/demo-host.js';
import { demoHost, PYTHON } from '../worker/run/fixtures.js';

let root = '';
beforeAll(async () => {
  root = await demoHost('example');
});

const STDLIB_CHECK = [
  'import ast, pathlib, sys',
  "root = pathlib.Path('.')",
  "local = {p.name for p in root.iterdir() if p.is_dir()} | {p.stem for p in root.glob('*.py')}",
  'bad = set()',
  "for f in root.rglob('*.py'):",
  '    for node in ast.walk(ast.parse(f.read_text())):',
  '        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or \'\'] if isinstance(node, ast.ImportFrom) and node.level == 0 else []',
  "        for n in names:",
  "            top = n.split('.')[0]",
  '            if top and top not in local and top not in sys.stdlib_module_names: bad.add(top)',
  'print(sorted(bad))',
].join('\n');

describe('the demo backtest host', () => {
  it('imports nothing outside the standard library and its own stand-ins', async () => {
    const { stdout } = await execa(PYTHON, ['-c', STDLIB_CHECK], { cwd: demoHostSource() });
    expect(stdout).toBe('[]');
  });

  it('compiles every file', async () => {
    const result = await execa(PYTHON, ['-m', 'compileall', '-q', '.'], { cwd: root, reject: false });
    expect(result.exitCode, result.stdout).toBe(0);
  });

  it.each([
    [['--safe-mode'], 'modes=safe_mode'],
    [['--safe-mode', '--single-strategy', 'VWAPBreakoutStrategy'], '1 strategies'],
    [['--exclude-strategy', 'MomentumInvestingStrategy'], '1 strategies'],
    [['--test-mode'], 'modes=test_mode'],
    [['--minimal-mode'], 'modes=minimal_mode'],
    [['--performance-mode'], 'modes=performance_mode'],
    [['--max-workers', '2'], 'workers=2'],
    [['--use-default-params'], 'modes=use_default_params'],
    [['--optimize-data-processing'], 'modes=optimize_data_processing'],
  ])('main.py %j exits 0 and logs to logs/main.log', async (args, says) => {
    const result = await execa(PYTHON, ['main.py', ...args], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(says);
    expect(await readFile(join(root, 'logs/main.log'), 'utf8')).toMatch(/ - main - INFO - backtest done/);
  });

  it('rejects an unknown strategy', async () => {
    const result = await execa(PYTHON, ['main.py', '--single-strategy', 'Nope'], { cwd: root, reject: false });
    expect(result.exitCode).toBe(2);
  });

  it('ships dated ERROR/CRITICAL logs, two dated backups and temp files', async () => {
    const source = demoHostSource();
    expect(await readFile(join(source, 'logs/errors.log'), 'utf8')).toMatch(/^\d{4}-\d{2}-\d{2} .* - CRITICAL - /m);
    expect((await readdir(join(source, 'backup'))).filter((n) => /^\d{8}$/.test(n))).toHaveLength(2);
    expect((await readdir(join(source, 'temp'))).length).toBeGreaterThan(1);
    expect((await readdir(join(source, 'config/data_cache'))).length).toBeGreaterThan(1);
  });
});
