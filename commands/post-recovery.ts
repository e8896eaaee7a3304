// Runbook §8 (復旧後の手順): the verification suite after recovery (§8.1) and monitoring tightening (§8.2).
// Every verification entry declares what its output must show: an exit code of 0 alone passes nothing.
import type { CommandSpec } from '../src/domain/catalogue.js';

const MONITORING_CONFIG = 'config/performance_monitoring/monitoring_config.json';
const ALERT_RULES = 'config/performance_monitoring/alert_rules.json';

export const postRecovery = [
  {
    id: 'system.matrix-test',
    title: { en: 'Strategy matrix: every active strategy × rising, falling, sideways', ja: '包括的システムテスト' },
    runbook: ['§8.1-1'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_strategies}', 'matrix', 'all'] },
    ticks: 'system_verified',
    passWhen: { output: '^Matrix: (\\d+)/\\1 passed$', description: 'every strategy × series case passes ("Matrix: n/n passed")' },
    departure: {
      en: 'comprehensive_matrix_test.py exits 0 when its cases fail and writes logs/comprehensive_test_*.json; klaxon runs the strategies itself and passes only when all cases do.',
      ja: 'comprehensive_matrix_test.py は失敗しても終了コード0で logs/ に結果を書くため、klaxon が戦略を直接実行し全ケース成功時のみ合格とする。',
    },
  },
  {
    id: 'run.test-mode',
    title: { en: 'Project module health: the entry point, strategies and managers import', ja: '戦略実行テスト (テストモード)' },
    runbook: ['§8.1-1'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_imports}', 'health'] },
    ticks: 'system_verified',
    passWhen: { output: '^Health check: (\\d+)/\\1 module\\(s\\) import$', description: 'every checked module imports' },
    departure: {
      en: 'main.py --test-mode starts the old full backtest (main.py is inactive and reads no flags); klaxon checks that the live modules import, without running a backtest.',
      ja: 'main.py --test-mode は旧フルバックテストを起動する（main.py は非アクティブ）。バックテストを実行せずに稼働モジュールの読み込みを確認する。',
    },
  },
  {
    id: 'perf.benchmark',
    title: { en: 'Benchmark: each strategy’s backtest time against its budget', ja: 'ベンチマークテスト' },
    runbook: ['§8.1-2'],
    risk: 'read-only',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_strategies}', 'benchmark', 'all'] },
    ticks: 'system_verified',
    passWhen: { output: '^Benchmark: PASS', description: 'every strategy finishes within its budget ("Benchmark: PASS")' },
    departure: {
      en: 'benchmark_validator.py checks hard-coded metrics, so it cannot fail; klaxon times the real strategies.',
      ja: 'benchmark_validator.py は固定値を検証するだけで失敗し得ないため、実際の戦略の処理時間を計測する。',
    },
  },
  {
    id: 'perf.resource-benchmark',
    title: { en: 'Resource usage of the host and its Python processes', ja: 'リソース使用量確認' },
    runbook: ['§8.1-2'],
    risk: 'read-only',
    timeoutMs: 60_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'builtin', builtin: 'resource-usage', options: { name: 'python' } },
    ticks: 'system_verified',
    departure: {
      en: 'demo_performance_monitor.py reads no --benchmark flag and times a sleep loop; klaxon reports the host’s real usage.',
      ja: 'demo_performance_monitor.py は --benchmark を読まず `sleep` を計測するだけのため、ホストの実使用量を示す。',
    },
  },
  {
    id: 'params.check-combinations',
    title: { en: 'Parameter grid size (check_param_combinations.py)', ja: 'パラメータ整合性確認' },
    runbook: ['§8.1-3'],
    risk: 'read-only',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'check_param_combinations.py'] },
    ticks: 'system_verified',
    passWhen: { output: '組み合わせ数は10,000以下です', description: 'the script reports at most 10,000 combinations' },
  },
  {
    id: 'config.validate',
    title: { en: 'Config validation: every JSON/YAML parses, every config module compiles', ja: '設定ファイル検証' },
    runbook: ['§8.1-3'],
    risk: 'read-only',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_config_check}'] },
    ticks: 'system_verified',
    passWhen: { output: '^Config validation: \\d+ file\\(s\\) checked, 0 problem\\(s\\)$', description: 'no config file fails to parse or compile' },
    departure: {
      en: 'basic_system_test.py has no --validation; klaxon parses and compiles every file under config/.',
      ja: 'basic_system_test.py に --validation はないため、config/ 以下の全ファイルを解析・コンパイルする。',
    },
  },
  {
    id: 'monitoring.adjust-sensitivity',
    title: { en: 'Set an alert rule’s threshold', ja: 'アラート感度調整' },
    runbook: ['§8.2-1'],
    risk: 'mutating',
    params: {
      rule: {
        kind: 'enum',
        values: ['portfolio_rules.max_drawdown', 'portfolio_rules.daily_loss_limit', 'portfolio_rules.volatility_spike', 'strategy_rules.win_rate_decline'],
        default: 'portfolio_rules.max_drawdown',
      },
      value: { kind: 'pattern', pattern: '^(0|[1-9][0-9]{0,3})(\\.[0-9]{1,4})?$', maxLength: 9, default: '0.1', description: 'the new threshold' },
    },
    timeoutMs: 30_000,
    outputCapBytes: 16 * 1024,
    action: { kind: 'builtin', builtin: 'json-set', options: { file: ALERT_RULES, key: '{rule}.threshold' } },
    departure: {
      en: `alert_manager.py has no --adjust-sensitivity; the thresholds live in ${ALERT_RULES}, which klaxon edits (keeping the old file).`,
      ja: `alert_manager.py に --adjust-sensitivity はない。閾値は ${ALERT_RULES} にあり、旧ファイルを残して編集する。`,
    },
  },
  {
    id: 'monitoring.add-metrics',
    title: { en: 'Turn on real-time monitoring updates', ja: '追加監視項目設定' },
    runbook: ['§8.2-1'],
    risk: 'mutating',
    timeoutMs: 30_000,
    outputCapBytes: 16 * 1024,
    action: { kind: 'builtin', builtin: 'json-set', options: { file: MONITORING_CONFIG, key: 'monitoring_settings.enable_realtime_updates', value: 'true' } },
    departure: {
      en: `metrics_collector.py has no --add-monitoring; klaxon turns on the real-time updates in ${MONITORING_CONFIG}.`,
      ja: `metrics_collector.py に --add-monitoring はないため、${MONITORING_CONFIG} のリアルタイム更新を有効にする。`,
    },
  },
  {
    id: 'monitoring.increase-frequency',
    title: { en: 'Shorten the monitoring update interval', ja: 'ログ監視間隔短縮' },
    runbook: ['§8.2-2'],
    risk: 'mutating',
    params: { value: { kind: 'pattern', pattern: '^([6-9][0-9]|[1-9][0-9]{2,3})$', maxLength: 4, default: '300', description: 'seconds (60–9999)' } },
    timeoutMs: 30_000,
    outputCapBytes: 16 * 1024,
    action: { kind: 'builtin', builtin: 'json-set', options: { file: MONITORING_CONFIG, key: 'monitoring_settings.update_interval_seconds' } },
    departure: {
      en: `Dashboard has no increase_monitoring_frequency; the interval is update_interval_seconds in ${MONITORING_CONFIG}.`,
      ja: `\`Dashboard\` に increase_monitoring_frequency はない。間隔は ${MONITORING_CONFIG} の update_interval_seconds で設定する。`,
    },
  },
] as const satisfies readonly CommandSpec[];
