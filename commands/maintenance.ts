// Runbook §10.1 (定期メンテナンス): the weekly and monthly maintenance jobs.
import type { CommandSpec } from '../src/domain/catalogue.js';

export const maintenance = [
  {
    id: 'system.health-check',
    title: { en: 'System health check', ja: 'システム健全性チェック' },
    runbook: ['§10.1-1'],
    risk: 'read-only',
    timeoutMs: 15 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'comprehensive_trend_switching_test_suite.py', '--health-check'] },
  },
  {
    id: 'logs.rotate',
    title: { en: 'Log rotation', ja: 'ログローテーション' },
    runbook: ['§10.1-1'],
    risk: 'mutating',
    timeoutMs: 5 * 60_000,
    outputCapBytes: 32 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'config/log_rotation.py'] },
  },
  {
    id: 'cache.cleanup',
    title: { en: 'Cache clean-up', ja: 'キャッシュクリーンアップ' },
    runbook: ['§10.1-1'],
    // It deletes cached data (rebuilt on demand), hence destructive, but it is routine: no approval.
    risk: 'destructive',
    timeoutMs: 10 * 60_000,
    outputCapBytes: 32 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'config/cache_manager.py', '--cleanup'] },
  },
  {
    id: 'system.full-diagnostic',
    title: { en: 'Comprehensive system diagnosis', ja: '包括的システム診断' },
    runbook: ['§10.1-2'],
    risk: 'read-only',
    timeoutMs: 30 * 60_000,
    outputCapBytes: 256 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'comprehensive_matrix_test.py', '--full-diagnostic'] },
  },
  {
    id: 'params.review',
    title: { en: 'Parameter optimisation review', ja: 'パラメータ最適化レビュー' },
    runbook: ['§10.1-2'],
    risk: 'read-only',
    timeoutMs: 15 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'check_param_combinations.py', '--review'] },
  },
  {
    id: 'security.audit',
    title: { en: 'Security audit', ja: 'セキュリティ監査' },
    runbook: ['§10.1-2'],
    risk: 'read-only',
    timeoutMs: 15 * 60_000,
    outputCapBytes: 128 * 1024,
    action: { kind: 'argv', argv: ['{python}', 'security_audit.py'] },
  },
] as const satisfies readonly CommandSpec[];
