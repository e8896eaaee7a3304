// The demo backtest host itself: standard library only (plus its pandas/numpy/psutil stand-ins), the
// real system's entry points and flags, its logging, and its dashboard answering over HTTP.
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

// Local names: top-level folders and modules, and modules beside a script (config/ scripts import siblings).
const STDLIB_CHECK = [
  'import ast, pathlib, sys',
  "root = pathlib.Path('.')",
  "local = {p.name for p in root.iterdir() if p.is_dir()} | {p.stem for p in root.rglob('*.py')} | {'pytest'}",
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

  it('ships no yfinance stand-in: a missing package stays missing', async () => {
    const result = await execa(PYTHON, ['-c', 'import yfinance'], { cwd: root, reject: false });
    expect(result.stderr).toContain("No module named 'yfinance'");
  });

  it('compiles every file', async () => {
    const result = await execa(PYTHON, ['-m', 'compileall', '-q', '.'], { cwd: root, reject: false });
    expect(result.exitCode, result.stdout).toBe(0);
  });

  it.each([
    [[], 'VWAPBreakoutStrategy on 8306.T'],
    [['--force-strategy', 'GCStrategy'], 'GCStrategy on 8306.T'],
    [['--fixed-symbol', '7203.T', '--start-date', '2025-10-01', '--end-date', '2025-12-31'], 'on 7203.T'],
  ])('the DSSMS entry point %j runs, logs to logs/main.log and writes a run folder', async (args, says) => {
    const result = await execa(PYTHON, ['src/dssms/dssms_integrated_main.py', ...args], { cwd: root });
    expect(result.stdout).toContain(says);
    expect(await readFile(join(root, 'logs/main.log'), 'utf8')).toMatch(/ - dssms - INFO - DSSMS done: /);
    const run = /results in (output\/dssms_integration\/\S+)/.exec(result.stdout)?.[1] ?? '';
    // The real system's result files (klaxon's golden-run canary reads them), next to the demo's own summary.
    expect(run).toMatch(/^output\/dssms_integration\/dssms_\d{8}_\d{6}$/);
    expect((await readdir(join(root, run))).sort()).toEqual(['all_transactions.csv', 'dssms_execution.log', 'execution_results.json', 'performance_metrics.json', 'results.json']);
  });

  it('rejects an unknown strategy, as the real entry point does', async () => {
    const result = await execa(PYTHON, ['src/dssms/dssms_integrated_main.py', '--force-strategy', 'Nope'], { cwd: root, reject: false });
    expect(result.exitCode).toBe(2);
  });

  it('main.py is inactive and ignores the runbook flags', async () => {
    const result = await execa(PYTHON, ['main.py', '--safe-mode'], { cwd: root });
    expect(result.stdout).toContain('main.py is inactive');
    expect(result.stdout).toContain('arguments ignored: --safe-mode');
  });

  it('ships dated ERROR/CRITICAL logs in logs/, its subfolders and a run folder', async () => {
    const source = demoHostSource();
    expect(await readFile(join(source, 'logs/main.log'), 'utf8')).toMatch(/^\d{4}-\d{2}-\d{2} .* - CRITICAL - /m);
    expect(await readFile(join(source, 'logs/errors.log'), 'utf8')).toContain('"logger": "error_analysis"');
    expect(await readFile(join(source, 'logs/dssms/dssms_switch.log'), 'utf8')).toContain(' - ERROR - ');
    expect((await readdir(join(source, 'output/dssms_integration'))).length).toBeGreaterThan(0);
  });
});
