// Runbook §3 (初期対応手順): the first minutes — status, emergency log bundle, impact checks.
import type { CommandSpec } from '../src/domain/catalogue.js';
import { ENTRY_POINT } from './real-host.js';

export const initialResponse = [
  {
    id: 'env.python-imports',
    title: { en: 'Python, pandas, numpy and yfinance import', ja: 'システム稼働状況確認' },
    runbook: ['§3.1-1'],
    risk: 'read-only',
    timeoutMs: 60_000,
    outputCapBytes: 16 * 1024,
    action: {
      kind: 'argv',
      argv: [
        '{python}',
        '-c',
        "import sys; print('Python OK', sys.version.split()[0]); import pandas; print('Pandas OK'); import numpy; print('NumPy OK'); import yfinance; print('YFinance OK')",
      ],
    },
  },
  {
    id: 'process.main',
    title: { en: 'Main process (python running the DSSMS entry point)', ja: 'メインプロセス確認' },
    runbook: ['§3.1-1'],
    risk: 'read-only',
    timeoutMs: 30_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'builtin', builtin: 'find-processes', options: { name: 'python', cmdline: 'dssms_integrated_main.py' } },
    departure: {
      en: `main.py is inactive; the live process runs ${ENTRY_POINT}.`,
      ja: `main.py は非アクティブで、稼働プロセスは ${ENTRY_POINT} を実行している。`,
    },
  },
  {
    id: 'logs.collect',
    title: { en: 'Emergency log bundle (incident_logs/<timestamp>/)', ja: '緊急ログ収集' },
    runbook: ['§3.1-2'],
    // It adds a folder of copies under the tree: nothing existing changes, but it writes, so it is not read-only.
    risk: 'mutating',
    timeoutMs: 120_000,
    outputCapBytes: 32 * 1024,
    action: {
      kind: 'builtin',
      builtin: 'log-bundle',
      options: { logs: ['logs/main.log', 'logs/errors.log', 'logs/structured.log'], recent: 'logs/main.log', recentLines: 100, dest: 'incident_logs' },
    },
    ticks: 'initial_logs',
  },
  {
    id: 'system.basic-test',
    title: { en: 'Basic system test (config/basic_system_test.py)', ja: '基本機能テスト' },
    runbook: ['§3.2-1', '§4.2-3'],
    risk: 'read-only',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'config/basic_system_test.py'] },
    passWhen: { output: 'Basic system test completed successfully', description: 'the test reports "Basic system test completed successfully"' },
  },
  {
    id: 'data.fetch-test',
    title: { en: 'Market data fetch test (8306.T through yfinance)', ja: 'データ取得テスト' },
    runbook: ['§3.2-1', '§5.1-1'],
    risk: 'read-only',
    timeoutMs: 120_000,
    outputCapBytes: 16 * 1024,
    action: {
      kind: 'argv',
      argv: [
        '{python}',
        '-c',
        "import yfinance as yf; history = yf.Ticker('8306.T').history(period='5d'); print('Data fetch:', 'OK' if not history.empty else 'FAILED'); raise SystemExit(0 if not history.empty else 1)",
      ],
    },
    departure: {
      en: 'Fetches 8306.T (a symbol the system trades) instead of AAPL, and fails when no rows come back.',
      ja: 'AAPL ではなくシステムが扱う 8306.T を取得し、データが空なら失敗とする。',
    },
  },
  {
    id: 'strategy.load-vwap',
    title: { en: 'Load the VWAP breakout strategy on synthetic data', ja: '戦略実行テスト (VWAP)' },
    runbook: ['§3.2-2', '§5.1-1'],
    risk: 'read-only',
    timeoutMs: 120_000,
    outputCapBytes: 32 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_strategies}', 'load', 'VWAPBreakoutStrategy'] },
    departure: {
      en: 'VWAPBreakoutStrategy needs a price frame: klaxon builds a small synthetic one instead of calling it without data.',
      ja: 'VWAPBreakoutStrategy はデータ引数が必須のため、小さな合成データを渡して生成する。',
    },
  },
] as const satisfies readonly CommandSpec[];
