// The words of the maintenance and canary messages, in both languages.
import type { CanaryResult } from '../../app/ports.js';
import type { Locale } from '../../domain/locale.js';
import type { EntryStatus, PlanOutcome } from '../../domain/maintenance-run.js';

export interface MaintenanceWords {
  readonly outcome: Readonly<Record<PlanOutcome, string>>;
  readonly entry: Readonly<Record<EntryStatus, string>>;
  readonly scheduled: string;
  readonly runNowBy: (user: string) => string;
  readonly verificationOf: (channel: string) => string;
  readonly host: string;
  readonly exitCode: (code: number) => string;
  readonly started: string;
  readonly finished: string;
  readonly logLine: string;
  readonly incident: (channel: string) => string;
  readonly listTitle: string;
  readonly nextRun: string;
  readonly lastRun: string;
  readonly never: string;
  readonly disabled: string;
  readonly noPlans: string;
  readonly runNow: string;
  readonly runNowConfirm: (title: string) => string;
  readonly canaryTitle: string;
  readonly canary: Readonly<Record<CanaryResult['outcome'], string>>;
  readonly baselineFrom: (when: string) => string;
  readonly driftTitle: string;
  readonly driftIntro: (tolerance: string) => string;
  readonly matchTitle: string;
  readonly noBaselineTitle: string;
  readonly snapshotBefore: string;
  readonly snapshotAfter: string;
  readonly noSnapshot: string;
  readonly runNowQueued: (title: string) => string;
  readonly runNowForbidden: (role: string) => string;
  /** Slack had not listed the user groups, so the role could not be checked. */
  readonly runNowUnchecked: (role: string) => string;
  readonly unknownPlan: (id: string) => string;
  readonly alreadyRunning: (title: string) => string;
  readonly noChannel: string;
  readonly cancel: string;
}

const en: MaintenanceWords = {
  outcome: { running: 'running', succeeded: 'succeeded', failed: 'failed' },
  entry: {
    pending: 'waiting', queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed', timed_out: 'timed out',
    canceled: 'canceled', refused: 'refused', unknown: 'outcome unknown',
  },
  scheduled: 'scheduled',
  runNowBy: (user) => `run now by ${user}`,
  verificationOf: (channel) => `post-recovery check of ${channel}`,
  host: 'Host',
  exitCode: (code) => `exit ${code}`,
  started: 'Started',
  finished: 'Finished',
  logLine: 'logs/maintenance.log',
  incident: (channel) => `Incident: ${channel}`,
  listTitle: 'Scheduled maintenance',
  nextRun: 'Next',
  lastRun: 'Last',
  never: 'never',
  disabled: 'disabled',
  noPlans: 'No maintenance plans are scheduled (the policy names none).',
  runNow: 'Run now',
  runNowConfirm: (title) => `Run “${title}” now on its host? Its entries run as they would on schedule.`,
  canaryTitle: 'Golden-run canary',
  canary: { good: 'matches the last good run', drift: 'drifted', failed: 'could not run', baseline: 'first run: kept as the last good run' },
  baselineFrom: (when) => `last good run ${when}`,
  driftTitle: '⚠️ Backtest results drifted from the last good run',
  driftIntro: (tolerance) => `The pinned reference run no longer gives the same results (tolerance: ${tolerance}).`,
  matchTitle: '✅ Results match the last good run',
  noBaselineTitle: '🆕 No last good run yet: this run is kept as the reference',
  snapshotBefore: 'Reproducibility snapshot of the last good run',
  snapshotAfter: 'Reproducibility snapshot of this run',
  noSnapshot: '(no snapshot)',
  runNowQueued: (title) => `“${title}” started. Its summary is in the ops channel.`,
  runNowForbidden: (role) => `Running maintenance now needs the ${role} role in the policy.`,
  runNowUnchecked: (role) => `Running maintenance now needs the ${role} role, and klaxon could not check yours: Slack has not listed the user groups yet. Try again in a minute.`,
  unknownPlan: (id) => `There is no maintenance plan “${id}”.`,
  alreadyRunning: (title) => `“${title}” is running already.`,
  noChannel: 'No channel to report to: set OPS_CHANNEL (or the plan\'s channel in the policy).',
  cancel: 'Cancel',
};

const ja: MaintenanceWords = {
  outcome: { running: '実行中', succeeded: '成功', failed: '失敗' },
  entry: {
    pending: '待機中', queued: 'キュー投入', running: '実行中', succeeded: '成功', failed: '失敗', timed_out: 'タイムアウト',
    canceled: '中止', refused: '拒否', unknown: '結果不明',
  },
  scheduled: '定期実行',
  runNowBy: (user) => `${user} が今すぐ実行`,
  verificationOf: (channel) => `${channel} の復旧後検証`,
  host: 'ホスト',
  exitCode: (code) => `終了コード ${code}`,
  started: '開始',
  finished: '終了',
  logLine: 'logs/maintenance.log',
  incident: (channel) => `インシデント: ${channel}`,
  listTitle: '定期メンテナンス',
  nextRun: '次回',
  lastRun: '前回',
  never: 'なし',
  disabled: '無効',
  noPlans: '定期メンテナンスの計画はありません (ポリシーに定義がありません)。',
  runNow: '今すぐ実行',
  runNowConfirm: (title) => `「${title}」を今すぐホストで実行しますか? 定期実行と同じ手順が実行されます。`,
  canaryTitle: 'ゴールデンラン (基準バックテスト)',
  canary: { good: '前回正常結果と一致', drift: '結果が変化', failed: '実行できず', baseline: '初回: 基準として保存' },
  baselineFrom: (when) => `前回正常 ${when}`,
  driftTitle: '⚠️ バックテスト結果が前回正常時から変化しました',
  driftIntro: (tolerance) => `固定した基準バックテストの結果が一致しません (許容差: ${tolerance})。`,
  matchTitle: '✅ 結果は前回正常時と一致しています',
  noBaselineTitle: '🆕 前回正常結果がないため、今回の結果を基準として保存しました',
  snapshotBefore: '前回正常時の再現性スナップショット',
  snapshotAfter: '今回の再現性スナップショット',
  noSnapshot: '(スナップショットなし)',
  runNowQueued: (title) => `「${title}」を開始しました。結果は運用チャンネルに表示されます。`,
  runNowForbidden: (role) => `今すぐ実行するにはポリシーの ${role} ロールが必要です。`,
  runNowUnchecked: (role) => `今すぐ実行するには ${role} ロールが必要ですが、Slack からユーザーグループを取得できていないため確認できませんでした。1 分ほど待ってからもう一度お試しください。`,
  unknownPlan: (id) => `メンテナンス計画「${id}」はありません。`,
  alreadyRunning: (title) => `「${title}」は実行中です。`,
  noChannel: '報告先のチャンネルがありません: OPS_CHANNEL (またはポリシーの計画の channel) を設定してください。',
  cancel: 'キャンセル',
};

const WORDS: Readonly<Record<Locale, MaintenanceWords>> = { en, ja };
export const maintenanceWords = (locale: Locale): MaintenanceWords => WORDS[locale];
