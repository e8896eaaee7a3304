// Runbook §2 (インシデント検知): monitoring, log and process checks that find or confirm an incident.
import type { CommandSpec } from '../src/domain/catalogue.js';
import { ERROR_LOG_DIRS } from './real-host.js';

export const detection = [
  {
    id: 'monitor.dashboard-status',
    title: { en: 'Monitoring dashboard status (HTTP)', ja: 'ダッシュボード監視状態確認' },
    runbook: ['§2.1-1'],
    risk: 'read-only',
    params: {
      url: {
        kind: 'pattern',
        pattern: '^http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$',
        maxLength: 200,
        default: 'http://127.0.0.1:8080',
        description: 'the running dashboard (loopback only; the system serves it on :8080)',
      },
    },
    timeoutMs: 30_000,
    outputCapBytes: 16 * 1024,
    action: { kind: 'builtin', builtin: 'http-status' },
    departure: {
      en: 'src/monitoring/dashboard.py has no --status flag, and running it starts a second dashboard; klaxon asks the running one over HTTP instead.',
      ja: 'src/monitoring/dashboard.py に --status はなく、実行すると2つ目のダッシュボードが起動するため、稼働中のものに HTTP で問い合わせる。',
    },
  },
  {
    id: 'monitor.metric-anomalies',
    title: { en: 'Host metrics with anomalies (CPU, memory, swap, disk)', ja: 'メトリクス異常確認' },
    runbook: ['§2.1-3'],
    risk: 'read-only',
    timeoutMs: 60_000,
    outputCapBytes: 16 * 1024,
    action: { kind: 'argv', argv: ['{python}', '{helper:klaxon_metrics}'] },
    departure: {
      en: 'metrics_collector.py has no --check-anomalies; klaxon reads the host metrics through psutil and flags those over their threshold.',
      ja: 'metrics_collector.py に --check-anomalies はないため、psutil でホストのメトリクスを読み、閾値超えを異常として示す。',
    },
  },
  {
    id: 'logs.tail-errors',
    title: { en: 'Tail of the error and main logs', ja: 'エラーログ監視' },
    runbook: ['§2.2-1'],
    risk: 'read-only',
    params: { lines: { kind: 'int', min: 1, max: 2000, default: 50, description: 'how many lines from the end' } },
    timeoutMs: 30_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'builtin', builtin: 'log-tail', options: { paths: ['logs/errors.log', 'logs/main.log'] } },
    departure: {
      en: 'logs/errors.log only receives the error-analysis logger; ordinary ERRORs go to logs/main.log, so both are shown.',
      ja: 'logs/errors.log はエラー分析ロガー専用で、通常の ERROR は logs/main.log に出るため両方を表示する。',
    },
  },
  {
    id: 'logs.search-errors',
    title: { en: 'Latest CRITICAL/ERROR lines in the logs (subfolders included)', ja: '重要ログ検索' },
    runbook: ['§2.2-1'],
    risk: 'read-only',
    params: { last: { kind: 'int', min: 1, max: 500, default: 10, description: 'how many of the latest matches' } },
    timeoutMs: 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'builtin', builtin: 'log-search', options: { dirs: ERROR_LOG_DIRS, suffix: '.log', pattern: 'CRITICAL|ERROR', recursive: true } },
    departure: {
      en: 'Also searches subfolders and output/dssms_integration/, where the active system writes its run logs.',
      ja: 'サブフォルダと、稼働中のシステムが実行ログを書く output/dssms_integration/ も検索する。',
    },
  },
  {
    id: 'process.list-python',
    title: { en: 'Python processes', ja: 'プロセス確認' },
    runbook: ['§2.2-2'],
    risk: 'read-only',
    timeoutMs: 30_000,
    outputCapBytes: 64 * 1024,
    action: { kind: 'builtin', builtin: 'find-processes', options: { name: 'python' } },
  },
  {
    id: 'network.port-check',
    title: { en: 'Is anything listening on the port', ja: 'ポート使用状況確認' },
    runbook: ['§2.2-2'],
    risk: 'read-only',
    params: {
      port: { kind: 'int', min: 1, max: 65_535, default: 8080, description: 'TCP port (dashboard 8080, coordination interface 5000)' },
    },
    timeoutMs: 15_000,
    outputCapBytes: 16 * 1024,
    action: { kind: 'builtin', builtin: 'port-check' },
    departure: {
      en: 'The runbook checks :5000; the dashboard runs on :8080 (5000 is the coordination interface), so 8080 is the default.',
      ja: '手順書は :5000 を確認するが、ダッシュボードは :8080 (5000 は連携インターフェース) のため既定値を 8080 とする。',
    },
  },
] as const satisfies readonly CommandSpec[];
