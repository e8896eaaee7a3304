// Runbook §3 (初期対応手順): the first minutes — status, emergency log bundle, impact checks.
import type { CommandSpec } from '../src/domain/catalogue.js';

export const initialResponse = [
  {
    id: 'env.python-imports',
    title: { en: 'Python, pandas and yfinance import', ja: 'システム稼働状況確認' },
    runbook: ['§3.1-1'],
    risk: 'read-only',
    timeoutMs: 60_000,
    outputCapBytes: 16 * 1024,
    action: {
      kind: 'argv',
      argv: [
        '{python}',
        '-c',
        "import sys; print('Python OK'); import pandas; print('Pandas OK'); import yfinance; print('YFinance OK')",
      ],
    },
  },
  {
    id: 'process.main',
    title: { en: 'Main process (python running main.py)', ja: 'メインプロセス確認' },
    runbook: ['§3.1-1'],
    risk: 'read-only',
    timeoutMs: 30_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'builtin', builtin: 'find-processes', options: { name: 'python', cmdline: 'main.py' } },
  },
  {
    id: 'logs.collect',
    title: { en: 'Emergency log bundle (incident_logs/<timestamp>/)', ja: '緊急ログ収集' },
    runbook: ['§3.1-2'],
    // Only adds a new folder of copies; nothing existing changes.
    risk: 'read-only',
    timeoutMs: 120_000,
    outputCapBytes: 32 * 1024,
    action: {
      kind: 'builtin',
      builtin: 'log-bundle',
      options: { logs: ['logs/main.log', 'logs/errors.log'], recent: 'logs/main.log', recentLines: 100, dest: 'incident_logs' },
    },
    ticks: 'initial_logs',
  },
  {
    id: 'system.basic-test',
    title: { en: 'Basic system test', ja: '基本機能テスト' },
    runbook: ['§3.2-1', '§4.2-3'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'config/basic_system_test.py'] },
  },
  {
    id: 'data.fetch-test',
    title: { en: 'Market data fetch test (AAPL)', ja: 'データ取得テスト' },
    runbook: ['§3.2-1', '§5.1-1'],
    risk: 'read-only',
    timeoutMs: 120_000,
    outputCapBytes: 16 * 1024,
    action: {
      kind: 'argv',
      argv: [
        '{python}',
        '-c',
        "import yfinance as yf; ticker = yf.Ticker('AAPL'); print('Data fetch:', 'OK' if ticker.history(period='1d').empty == False else 'FAILED'); print('YFinance status:', 'OK' if ticker.info else 'FAILED')",
      ],
    },
  },
  {
    id: 'strategy.load-vwap',
    title: { en: 'Load the VWAP breakout strategy', ja: '戦略実行テスト (VWAP)' },
    runbook: ['§3.2-2', '§5.1-1'],
    risk: 'read-only',
    timeoutMs: 60_000,
    outputCapBytes: 16 * 1024,
    action: {
      kind: 'argv',
      argv: [
        '{python}',
        '-c',
        "from strategies.VWAP_Breakout import VWAPBreakoutStrategy; s = VWAPBreakoutStrategy(); print('VWAP Strategy: OK')",
      ],
    },
  },
] as const satisfies readonly CommandSpec[];
