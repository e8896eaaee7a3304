// The runbook's scenarios (§4.1–§7.1), the post-recovery suite (§8) and the maintenance plans (§10.1)
// as time-boxed steps over catalogue command ids.
import type { Playbook } from '../src/domain/playbook.js';

const scenarios: readonly Playbook[] = [
  {
    id: 'critical.outage',
    kind: 'scenario',
    severity: 'critical',
    runbook: '§4.1',
    title: { en: 'Complete system outage', ja: 'システム完全停止' },
    symptoms: [
      { en: 'main.py cannot be run', ja: 'main.pyが実行できない' },
      { en: 'Python processes crash', ja: 'Pythonプロセスがクラッシュ' },
      { en: 'Key modules fail to load', ja: '重要なモジュールが読み込めない' },
    ],
    steps: [
      {
        title: { en: 'Make it safe at once', ja: '即座の安全確保' },
        withinMinutes: 5,
        commands: ['process.stop-python', 'cleanup.temp'],
      },
      {
        title: { en: 'Diagnose the system', ja: 'システム診断' },
        withinMinutes: 10,
        commands: ['env.python-version', 'env.packages', 'files.compile-check'],
      },
      {
        title: { en: 'Recover', ja: '復旧実行' },
        withinMinutes: 30,
        commands: ['config.restore', 'run.safe-mode'],
      },
    ],
  },
  {
    id: 'critical.data-loss',
    kind: 'scenario',
    severity: 'critical',
    runbook: '§4.2',
    title: { en: 'Data loss or corruption', ja: 'データ損失・破損' },
    symptoms: [
      { en: 'Parameter files cannot be read', ja: 'パラメータファイルが読み込めない' },
      { en: 'Config files are corrupted', ja: '設定ファイルが破損' },
      { en: 'Log files look abnormal', ja: 'ログファイルが異常' },
    ],
    steps: [
      {
        title: { en: 'Assess the extent of the loss', ja: 'データ損失範囲確認' },
        withinMinutes: 5,
        commands: ['config.check-files'],
      },
      {
        title: { en: 'Restore from backup', ja: 'バックアップからの復旧' },
        withinMinutes: 15,
        commands: ['config.list-backups', 'config.restore'],
      },
      {
        title: { en: 'Verify data integrity', ja: 'データ整合性検証' },
        withinMinutes: 20,
        commands: ['params.load-test', 'system.basic-test'],
      },
    ],
  },
  {
    id: 'critical.security',
    kind: 'scenario',
    severity: 'critical',
    runbook: '§4.3',
    title: { en: 'Security incident', ja: 'セキュリティインシデント' },
    symptoms: [
      { en: 'Suspected unauthorised access', ja: '不正アクセスの疑い' },
      { en: 'Suspected file tampering', ja: 'ファイル改ざんの疑い' },
      { en: 'Abnormal access from outside', ja: '外部からの異常アクセス' },
    ],
    steps: [
      {
        title: { en: 'Isolate the host', ja: 'ネットワーク接続遮断' },
        withinMinutes: 2,
        commands: [],
        manual: {
          en: 'Cut the network connection, following the organisation’s security policy.',
          ja: '組織のセキュリティポリシーに従ってネットワーク接続を遮断する。',
        },
      },
      {
        title: { en: 'Stop the processes', ja: 'プロセス停止' },
        withinMinutes: 2,
        commands: ['process.stop-python'],
      },
      {
        title: { en: 'Preserve evidence', ja: '証跡保全' },
        withinMinutes: 10,
        commands: ['logs.preserve-evidence', 'config.recent-changes'],
      },
      {
        title: { en: 'Contact the security team', ja: 'セキュリティチーム連絡' },
        commands: [],
        manual: {
          en: 'Call the security lead at once, report the incident details and follow their instructions.',
          ja: '即座にセキュリティ責任者に連絡し、インシデント詳細を報告し、指示に従って追加対応を実施する。',
        },
      },
    ],
  },
  {
    id: 'high.function-outage',
    kind: 'scenario',
    severity: 'high',
    runbook: '§5.1',
    title: { en: 'Major function outage', ja: '主要機能停止' },
    symptoms: [
      { en: 'A strategy cannot be run', ja: '特定戦略が実行できない' },
      { en: 'Data fetches fail intermittently', ja: 'データ取得が断続的に失敗' },
      { en: 'The monitoring dashboard does not respond', ja: '監視ダッシュボードが応答しない' },
    ],
    steps: [
      {
        title: { en: 'Diagnose by function', ja: '機能別診断' },
        withinMinutes: 10,
        commands: ['strategy.load-vwap', 'strategy.load-momentum', 'strategy.load-all', 'data.fetch-test'],
      },
      {
        title: { en: 'Keep going with a fallback', ja: '代替手段による継続' },
        withinMinutes: 20,
        commands: ['run.single-strategy', 'run.minimal-mode'],
      },
      {
        title: { en: 'Investigate the root cause', ja: '根本原因調査' },
        withinMinutes: 30,
        commands: ['logs.todays-errors', 'env.pip-check'],
      },
    ],
  },
  {
    id: 'high.performance',
    kind: 'scenario',
    severity: 'high',
    runbook: '§5.2',
    title: { en: 'Severe performance degradation', ja: 'パフォーマンス重大劣化' },
    symptoms: [
      { en: 'Runs take three times as long or more', ja: '実行時間が通常の3倍以上' },
      { en: 'Memory use grows abnormally', ja: 'メモリ使用量が異常増加' },
      { en: 'CPU stays high', ja: 'CPU使用率が持続的に高い' },
    ],
    steps: [
      {
        title: { en: 'Check resource usage', ja: 'リソース使用状況確認' },
        withinMinutes: 5,
        commands: ['process.resources'],
      },
      {
        title: { en: 'Tune performance', ja: 'パフォーマンス調整' },
        withinMinutes: 15,
        commands: ['run.minimal-mode'],
      },
      {
        title: { en: 'Free resources', ja: 'リソース解放' },
        withinMinutes: 20,
        commands: ['perf.gc', 'cleanup.temp-and-cache'],
      },
    ],
  },
  {
    id: 'medium.partial-outage',
    kind: 'scenario',
    severity: 'medium',
    runbook: '§6.1',
    title: { en: 'Partial function outage', ja: '部分機能停止' },
    symptoms: [
      { en: 'Errors in a particular strategy', ja: '特定の戦略でエラーが発生' },
      { en: 'Some data fetches fail', ja: '一部データ取得が失敗' },
      { en: 'Non-critical functions do not work', ja: '非重要な機能が動作しない' },
    ],
    steps: [
      {
        title: { en: 'Narrow down the problem', ja: '問題範囲特定' },
        withinMinutes: 15,
        commands: ['strategy.diagnose', 'system.partial-test'],
      },
      {
        title: { en: 'Work around it', ja: 'ワークアラウンド実装' },
        withinMinutes: 30,
        commands: ['run.single-strategy'],
      },
      {
        title: { en: 'Fix it', ja: '修正実装' },
        withinMinutes: 60,
        commands: ['params.review-approved'],
      },
    ],
  },
  {
    id: 'medium.performance',
    kind: 'scenario',
    severity: 'medium',
    runbook: '§6.2',
    title: { en: 'Minor performance degradation', ja: '軽微なパフォーマンス低下' },
    symptoms: [
      { en: 'Runs take 1.5–2 times as long', ja: '実行時間が通常の1.5-2倍' },
      { en: 'A slight memory leak', ja: '軽微なメモリリーク' },
      { en: 'Response times grow', ja: '応答時間の増加' },
    ],
    steps: [
      {
        title: { en: 'Analyse performance', ja: 'パフォーマンス分析' },
        withinMinutes: 20,
        commands: ['perf.profile', 'perf.memory-analysis'],
      },
      {
        title: { en: 'Optimise', ja: '最適化実装' },
        withinMinutes: 45,
        commands: ['cache.inspect', 'cache.cleanup'],
      },
    ],
  },
  {
    id: 'low.minor-issue',
    kind: 'scenario',
    severity: 'low',
    runbook: '§7.1',
    title: { en: 'Minor issue', ja: '軽微な問題' },
    symptoms: [
      { en: 'Warning-level log messages', ja: '警告レベルのログメッセージ' },
      { en: 'A minor misconfiguration', ja: '軽微な設定ミス' },
      { en: 'Non-critical data is missing', ja: '非重要データの欠損' },
    ],
    steps: [
      {
        title: { en: 'Record the problem', ja: '問題記録' },
        withinMinutes: 30,
        commands: ['logs.record-issue', 'logs.maintenance-note'],
      },
      {
        title: { en: 'Handle it at the weekly maintenance', ja: '定期メンテナンス時対応' },
        commands: [],
        manual: {
          en: 'Handle it at the weekly maintenance: assess the impact and fix it if needed.',
          ja: '週次メンテナンス時に対応し、影響評価を実施して、必要に応じて修正する。',
        },
      },
    ],
  },
];

const verification: Playbook = {
  id: 'recovery.verification',
  kind: 'verification',
  runbook: '§8',
  title: { en: 'Post-recovery verification', ja: '復旧後の手順' },
  steps: [
    {
      title: { en: 'Functional tests', ja: '機能確認テスト' },
      withinMinutes: 30,
      commands: ['system.matrix-test', 'run.test-mode'],
    },
    {
      title: { en: 'Performance check', ja: 'パフォーマンス確認' },
      withinMinutes: 20,
      commands: ['perf.benchmark', 'perf.resource-benchmark'],
    },
    {
      title: { en: 'Data integrity check', ja: 'データ整合性確認' },
      withinMinutes: 15,
      commands: ['params.check-combinations', 'config.validate'],
    },
    {
      // Not in the runbook's list, but its purpose: a recovered system must give the results it gave before.
      title: { en: 'Results match the last good run', ja: '結果が前回正常時と一致' },
      commands: ['canary.golden-run'],
    },
    {
      title: { en: 'Tighten alerting', ja: 'アラート設定調整' },
      commands: ['monitoring.adjust-sensitivity', 'monitoring.add-metrics'],
    },
    {
      title: { en: 'Tighten log monitoring', ja: 'ログ監視強化' },
      commands: ['monitoring.increase-frequency'],
    },
  ],
};

const maintenancePlans: readonly Playbook[] = [
  {
    id: 'maintenance.weekly',
    kind: 'maintenance',
    schedule: 'weekly',
    runbook: '§10.1-1',
    title: { en: 'Weekly preventive maintenance', ja: '週次予防メンテナンス' },
    steps: [
      {
        title: { en: 'Health check, log rotation, cache clean-up', ja: 'システム健全性チェック・ログローテーション・キャッシュクリーンアップ' },
        commands: ['system.health-check', 'logs.rotate', 'cache.cleanup'],
      },
    ],
  },
  {
    id: 'maintenance.monthly',
    kind: 'maintenance',
    schedule: 'monthly',
    runbook: '§10.1-2',
    title: { en: 'Monthly comprehensive maintenance', ja: '月次総合メンテナンス' },
    steps: [
      {
        title: { en: 'Full diagnosis, parameter review, security audit', ja: '包括的システム診断・パラメータ最適化レビュー・セキュリティ監査' },
        commands: ['system.full-diagnostic', 'params.review', 'security.audit'],
      },
    ],
  },
];

export const playbooks: readonly Playbook[] = [...scenarios, verification, ...maintenancePlans];
