// Runbook §6 (Medium): partial outage (§6.1) and minor performance degradation (§6.2).
import type { CommandSpec } from '../src/domain/catalogue.js';

export const medium = [
  {
    id: 'strategy.diagnose',
    title: { en: 'Per-strategy diagnosis: backtest each strategy on rising, falling and sideways data', ja: '戦略別診断' },
    runbook: ['§6.1-1'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_strategies}', 'diagnose', 'all'] },
    departure: {
      en: 'comprehensive_trend_switching_test_suite.py has no --specific-strategy and diagnostics/strategy_single_tester.py needs live data and writes to a fixed C:\\ path; klaxon backtests each active strategy on synthetic series.',
      ja: 'comprehensive_trend_switching_test_suite.py に --specific-strategy はなく、diagnostics/strategy_single_tester.py は実データと固定の C:\\ パスへの書き込みを要するため、合成データで各戦略をバックテストする。',
    },
  },
  {
    id: 'system.partial-test',
    title: { en: 'The project’s own quick pytest checks', ja: '機能別テスト' },
    runbook: ['§6.1-1'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', '-m', 'pytest', '-p', 'no:cacheprovider', '-p', 'no:benchmark', '-q', 'tests/test_import.py', 'tests/test_hello_world.py'] },
    passWhen: { output: '^\\d+ passed', description: 'pytest reports passed tests and no failures' },
    departure: {
      en: 'basic_system_test.py has no --partial; klaxon runs the project’s own quick pytest files (without pytest’s cache).',
      ja: 'basic_system_test.py に --partial はないため、プロジェクト自身の軽量な pytest を (キャッシュなしで) 実行する。',
    },
  },
  {
    id: 'params.review-approved',
    title: { en: 'Stored parameter sets by strategy with their review status', ja: 'パラメータ状態確認' },
    runbook: ['§6.1-3'],
    risk: 'read-only',
    timeoutMs: 60_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_params}', 'review'] },
    departure: {
      en: 'OptimizedParameterManager has no reset_to_defaults and config/strategy_params_regenerate.py does not exist: klaxon shows which stored sets are approved (a strategy without one runs on its defaults); config.restore puts back the saved copy.',
      ja: 'reset_to_defaults と config/strategy_params_regenerate.py は存在しない。承認済みパラメータの有無を表示し (無い戦略は既定値で動く)、復旧は config.restore で行う。',
    },
  },
  {
    id: 'perf.profile',
    title: { en: 'Profile (cProfile) of the strategies’ backtests', ja: 'パフォーマンスプロファイリング' },
    runbook: ['§6.2-1'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', '-m', 'cProfile', '-s', 'cumulative', '{helper:klaxon_strategies}', 'benchmark', 'all'] },
    departure: {
      en: 'demo_performance_monitor.py reads no flags and times only a sleep loop; klaxon profiles the real strategy code on synthetic data.',
      ja: 'demo_performance_monitor.py は引数を読まず sleep の計測のみのため、実際の戦略コードを合成データでプロファイルする。',
    },
  },
  {
    id: 'perf.memory-analysis',
    title: { en: 'Peak memory of each strategy’s backtest', ja: 'メモリ使用パターン分析' },
    runbook: ['§6.2-1'],
    risk: 'read-only',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_strategies}', 'memory', 'all'] },
    departure: {
      en: 'MetricsCollector has no analyze_memory_usage; klaxon measures each strategy with tracemalloc.',
      ja: 'MetricsCollector に analyze_memory_usage はないため、tracemalloc で各戦略を計測する。',
    },
  },
  {
    id: 'cache.inspect',
    title: { en: 'Data caches: files, size, age', ja: 'キャッシュ最適化 (状態確認)' },
    runbook: ['§6.2-2'],
    risk: 'read-only',
    timeoutMs: 60_000,
    outputCapBytes: 16 * 1024,
    action: { kind: 'builtin', builtin: 'dir-summary', options: { dirs: ['data_cache', 'cache'] } },
    departure: {
      en: 'config/cache_manager.py is a library without --optimize or --cleanup; klaxon shows the caches so that cache.cleanup can be decided on.',
      ja: 'config/cache_manager.py は --optimize/--cleanup を持たないライブラリのため、キャッシュの状態を表示し cache.cleanup の判断材料とする。',
    },
  },
] as const satisfies readonly CommandSpec[];
