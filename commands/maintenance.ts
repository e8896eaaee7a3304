// Runbook §10.1 (定期メンテナンス): the weekly and monthly maintenance jobs, the §7.1 maintenance-log line
// every scheduled run ends with, and the golden-run canary (DESIGN journey 9).
import type { CommandSpec } from '../src/domain/catalogue.js';
import { ACTIVE_STRATEGIES, DATE_PARAMS, ENTRY_POINT } from './real-host.js';

export const maintenance = [
  {
    id: 'system.health-check',
    title: { en: 'System health check: the live modules import', ja: 'システム健全性チェック' },
    runbook: ['§10.1-1'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_imports}', 'health'] },
    passWhen: { output: '^Health check: (\\d+)/\\1 module\\(s\\) import$', description: 'every checked module imports' },
    departure: {
      en: 'comprehensive_trend_switching_test_suite.py has no --health-check; klaxon imports the entry point, strategies and managers one by one.',
      ja: 'comprehensive_trend_switching_test_suite.py に --health-check はないため、エントリーポイント・戦略・管理モジュールを個別に読み込む。',
    },
  },
  {
    id: 'logs.rotate',
    title: { en: 'Delete logs older than 30 days (the system’s logger manager)', ja: 'ログローテーション' },
    runbook: ['§10.1-1'],
    // It deletes old log files, through the system's own cleanup_old_logs.
    risk: 'destructive',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 32 * 1024,
    action: {
      kind: 'argv',
      argv: ['{python}', '-c', "from src.utils.logger_setup import get_logger_manager; get_logger_manager().cleanup_old_logs(30); print('Log cleanup done (older than 30 days)')"],
    },
    departure: {
      en: 'config/log_rotation.py does not exist: rotation is built into src/utils/logger_setup.py (rotating handlers) and old logs go through its cleanup_old_logs.',
      ja: 'config/log_rotation.py は存在しない。ローテーションは src/utils/logger_setup.py に組み込まれており、古いログは cleanup_old_logs で削除する。',
    },
  },
  {
    id: 'cache.cleanup',
    title: { en: 'Cache clean-up (data_cache/)', ja: 'キャッシュクリーンアップ' },
    runbook: ['§10.1-1'],
    // It deletes cached data (rebuilt on demand), hence destructive, but it is routine: no approval.
    risk: 'destructive',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 32 * 1024,
    action: { kind: 'builtin', builtin: 'clean-temp', options: { dirs: ['data_cache'] } },
    departure: {
      en: 'config/cache_manager.py has no --cleanup; klaxon empties data_cache/ (the system refetches what it needs).',
      ja: 'config/cache_manager.py に --cleanup はないため data_cache/ を空にする (必要なデータは再取得される)。',
    },
  },
  {
    id: 'system.full-diagnostic',
    title: { en: 'Comprehensive diagnosis: every module of strategies/, indicators/, config/, src/dssms/ imports', ja: '包括的システム診断' },
    runbook: ['§10.1-2'],
    risk: 'read-only',
    timeoutMs: 15 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_imports}', 'full'] },
    departure: {
      en: 'comprehensive_matrix_test.py has no --full-diagnostic; klaxon imports every module of the core packages and lists the failures.',
      ja: 'comprehensive_matrix_test.py に --full-diagnostic はないため、主要パッケージの全モジュールを読み込み失敗を一覧する。',
    },
  },
  {
    id: 'params.review',
    title: { en: 'Parameter optimisation review: stored sets and their status', ja: 'パラメータ最適化レビュー' },
    runbook: ['§10.1-2'],
    risk: 'read-only',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_params}', 'review'] },
    departure: {
      en: 'check_param_combinations.py has no --review and tools/parameter_reviewer.py asks questions on the console; klaxon lists the stored sets through OptimizedParameterManager.',
      ja: 'check_param_combinations.py に --review はなく tools/parameter_reviewer.py は対話式のため、OptimizedParameterManager で保存済みパラメータを一覧する。',
    },
  },
  {
    id: 'security.audit',
    title: { en: 'Security audit: files changed since the last commit', ja: 'セキュリティ監査' },
    runbook: ['§10.1-2'],
    risk: 'read-only',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_snapshot}', 'changes'] },
    departure: {
      en: 'security_audit.py does not exist; klaxon lists every file changed, added or deleted since the last commit (git, read-only).',
      ja: 'security_audit.py は存在しないため、直近のコミット以降に変更・追加・削除されたファイルを一覧する (git、参照のみ)。',
    },
  },
  {
    id: 'host.snapshot',
    title: { en: 'Reproducibility snapshot: commit, dirty files, config and parameter digests, Python and packages', ja: '再現性スナップショット' },
    runbook: ['§10.1-2'],
    risk: 'read-only',
    timeoutMs: 2 * 60_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_snapshot}', 'snapshot'] },
    passWhen: { output: '^KLAXON_SNAPSHOT \\{', description: 'the snapshot is printed' },
  },
  {
    id: 'logs.maintenance-run',
    title: { en: 'Record a maintenance run in logs/maintenance.log', ja: 'メンテナンス実施記録' },
    runbook: ['§7.1-1'],
    risk: 'mutating',
    timeoutMs: 15_000,
    outputCapBytes: 4 * 1024,
    params: {
      plan: { kind: 'pattern', pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', maxLength: 40, description: 'the plan id' },
      outcome: { kind: 'enum', values: ['succeeded', 'failed'] },
      passed: { kind: 'int', min: 0, max: 100 },
      total: { kind: 'int', min: 1, max: 100 },
    },
    action: {
      kind: 'builtin',
      builtin: 'maintenance-log',
      options: { path: 'logs/maintenance.log', message: 'Scheduled maintenance {plan}: {outcome} ({passed}/{total} entries)' },
    },
  },
  {
    id: 'canary.golden-run',
    title: { en: 'Golden-run canary (pinned reference backtest)', ja: 'ゴールデンラン (基準バックテスト再実行)' },
    runbook: ['§8.1-1'],
    // It writes a results folder under the tree, as every backtest run does: mutating, however harmless.
    risk: 'mutating',
    timeoutMs: 30 * 60_000,
    outputCapBytes: 256 * 1024,
    params: {
      ...DATE_PARAMS,
      symbol: { kind: 'pattern', pattern: '^[A-Z0-9][A-Z0-9.^=-]{0,15}$', maxLength: 16, default: '8306.T', description: 'the fixed symbol' },
      strategy: { kind: 'enum', values: ACTIVE_STRATEGIES, default: 'VWAPBreakoutStrategy' },
    },
    action: {
      kind: 'builtin',
      builtin: 'golden-run',
      options: {
        entry: ENTRY_POINT,
        outputDir: 'output/dssms_integration',
        folderPrefix: 'dssms_',
        metricsFile: 'performance_metrics.json',
        tradesFile: 'all_transactions.csv',
      },
    },
    // In the §8 suite its check is "matches the last good run", not merely "ran" (src/slack/effects/run-event.ts).
    ticks: 'system_verified',
  },
] as const satisfies readonly CommandSpec[];
