// Runbook §5 (High): major function outage (§5.1) and severe performance degradation (§5.2).
import type { CommandSpec } from '../src/domain/catalogue.js';
import { ACTIVE_STRATEGIES, DATE_PARAMS, ENTRY_POINT } from './real-host.js';

export const high = [
  {
    id: 'strategy.load-momentum',
    title: { en: 'Load the momentum investing strategy on synthetic data', ja: '戦略別テスト (Momentum)' },
    runbook: ['§5.1-1'],
    risk: 'read-only',
    timeoutMs: 120_000,
    outputCapBytes: 32 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_strategies}', 'load', 'MomentumInvestingStrategy'] },
    departure: {
      en: 'The module is strategies/Momentum_Investing.py (not momentum_investing) and needs a price frame: klaxon passes a synthetic one.',
      ja: 'モジュールは strategies/Momentum_Investing.py (momentum_investing ではない) で、データ引数が必須のため合成データを渡す。',
    },
  },
  {
    id: 'strategy.load-all',
    title: { en: 'Load every active strategy on synthetic data', ja: '全戦略読み込みテスト' },
    runbook: ['§5.1-1'],
    risk: 'read-only',
    timeoutMs: 180_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_strategies}', 'load', 'all'] },
    departure: {
      en: 'The runbook tests VWAP and Momentum only; the system also runs Breakout, BreakoutRelaxed, Contrarian and GC strategies.',
      ja: '手順書は VWAP と Momentum のみだが、システムは Breakout・BreakoutRelaxed・Contrarian・GC 戦略も実行する。',
    },
  },
  {
    id: 'run.single-strategy',
    title: { en: 'Short DSSMS backtest forced to one strategy', ja: 'セーフモードでの実行 (単一戦略)' },
    runbook: ['§5.1-2', '§6.1-2'],
    risk: 'mutating',
    params: { strategy: { kind: 'enum', values: ACTIVE_STRATEGIES, default: 'VWAPBreakoutStrategy' }, ...DATE_PARAMS },
    timeoutMs: 30 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', ENTRY_POINT, '--force-strategy', '{strategy}', '--start-date', '{start}', '--end-date', '{end}'] },
    departure: {
      en: 'The entry point has --force-strategy (no --safe-mode, --single-strategy or --exclude-strategy): forcing a healthy strategy is how a failing one is left out.',
      ja: 'エントリーポイントには --force-strategy がある (--safe-mode・--single-strategy・--exclude-strategy はない)。正常な戦略を強制することで問題戦略を除外する。',
    },
  },
  {
    id: 'run.minimal-mode',
    title: { en: 'Short DSSMS backtest on one fixed symbol', ja: '最小限機能での実行' },
    runbook: ['§5.1-2', '§5.2-2'],
    risk: 'mutating',
    params: {
      symbol: { kind: 'pattern', pattern: '^[0-9]{4}(\\.T)?$', maxLength: 6, default: '8306.T', description: 'a Tokyo symbol, e.g. 8306.T' },
      ...DATE_PARAMS,
    },
    timeoutMs: 30 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', ENTRY_POINT, '--fixed-symbol', '{symbol}', '--start-date', '{start}', '--end-date', '{end}'] },
    departure: {
      en: 'There is no --minimal-mode, --performance-mode or --max-workers: the smallest and lightest real run is one fixed symbol (--fixed-symbol) over a short period.',
      ja: '--minimal-mode・--performance-mode・--max-workers はない。最小・最軽量の実行は固定銘柄 (--fixed-symbol) と短い期間で行う。',
    },
  },
  {
    id: 'logs.todays-errors',
    title: { en: 'Today’s ERROR lines (latest 20)', ja: '詳細ログ分析 (本日のERROR)' },
    runbook: ['§5.1-3'],
    risk: 'read-only',
    params: { last: { kind: 'int', min: 1, max: 500, default: 20 } },
    timeoutMs: 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'builtin', builtin: 'log-search', options: { dirs: ['logs', 'output/dssms_integration'], suffix: '.log', pattern: 'ERROR', today: true, recursive: true } },
  },
  {
    id: 'env.pip-check',
    title: { en: 'Declared requirements against this Python', ja: '依存関係確認' },
    runbook: ['§5.1-3'],
    risk: 'read-only',
    timeoutMs: 120_000,
    outputCapBytes: 32 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_requirements}'] },
    departure: {
      en: 'pip may be absent on the host and `pip check` ignores undeclared needs; klaxon checks requirements.txt against the installed distributions.',
      ja: 'ホストに pip がない場合があり pip check は宣言外の依存を見ないため、requirements.txt をインストール済みパッケージと照合する。',
    },
  },
  {
    id: 'process.resources',
    title: { en: 'Load, memory and per-Python-process CPU/RSS', ja: 'リソース使用状況確認' },
    runbook: ['§5.2-1'],
    risk: 'read-only',
    timeoutMs: 30_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'builtin', builtin: 'resource-usage', options: { name: 'python' } },
  },
  {
    id: 'perf.gc',
    title: { en: 'Garbage collection (in the diagnostic process only)', ja: 'ガベージコレクション強制実行' },
    runbook: ['§5.2-3'],
    risk: 'read-only',
    timeoutMs: 30_000,
    outputCapBytes: 4 * 1024,
    action: {
      kind: 'argv',
      argv: ['{python}', '-c', "import gc; print('GC completed:', gc.collect(), 'objects collected in this process; a running backtest is not affected')"],
    },
    departure: {
      en: 'A new Python process cannot collect another one’s garbage; to free a running backtest’s memory, stop or restart it.',
      ja: '新しい Python プロセスは他プロセスのメモリを回収できない。実行中のバックテストのメモリ解放には停止・再起動が必要。',
    },
  },
  {
    id: 'cleanup.temp-and-cache',
    title: { en: 'Delete cache/ and data_cache/ contents', ja: '一時ファイル・データキャッシュ削除' },
    runbook: ['§5.2-3'],
    risk: 'destructive',
    timeoutMs: 120_000,
    outputCapBytes: 32 * 1024,
    action: { kind: 'builtin', builtin: 'clean-temp', options: { dirs: ['cache', 'data_cache'] } },
    departure: {
      en: 'The data cache is data_cache/ at the root (not config/data_cache/) and there is no temp/.',
      ja: 'データキャッシュはルートの data_cache/ (config/data_cache/ ではない) で、temp/ は存在しない。',
    },
  },
] as const satisfies readonly CommandSpec[];
