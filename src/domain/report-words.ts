// Every word of the §9.2 report in English and Japanese. One interface types both, so a locale that misses
// a heading, a label or an event phrase does not compile.
import type { ChecklistPhase } from './checklist.js';
import type { EscalationReason } from './escalation.js';
import type { EscalationLevel, IncidentRole, IncidentStatus, ReportFields } from './incident.js';
import type { Locale } from './locale.js';
import type { Severity } from './severity.js';
import { formatDuration } from './time.js';
import type { JobOutcome } from './timeline.js';

export interface ReportWords {
  readonly title: string;
  readonly headings: Readonly<Record<keyof ReportFields | 'basics' | 'attachments' | 'sla' | 'checklist' | 'runs' | 'updates' | 'timeline', string>>;
  readonly basics: Readonly<
    Record<'status' | 'severity' | 'declaredAt' | 'detectedAt' | 'acknowledgedAt' | 'resolvedAt' | 'closedAt' | 'declaredBy' | 'responders' | 'escalation' | 'host' | 'generatedAt', string>
  >;
  /** The reproducibility snapshot rows of 基本情報 (host/klaxon_snapshot.py). */
  readonly snapshot: {
    readonly first: string;
    readonly last: string;
    readonly changes: string;
    readonly noChanges: string;
    readonly facts: (commit: string, dirty: number, config: string, python: string, packages: string) => string;
    readonly change: { readonly added: string; readonly removed: string; readonly modified: string; readonly dirty: string };
  };
  readonly notProvided: string;
  readonly notRecorded: string;
  readonly none: string;
  readonly untitled: string;
  readonly status: Readonly<Record<IncidentStatus, string>>;
  readonly severity: Readonly<Record<Severity, string>>;
  readonly source: Readonly<Record<'slack' | 'alert', string>>;
  readonly paren: (text: string) => string;
  readonly listSeparator: string;
  readonly role: Readonly<Record<IncidentRole, string>>;
  readonly level: Readonly<Record<EscalationLevel, string>>;
  readonly escalationReason: Readonly<Record<EscalationReason, string>>;
  readonly phase: Readonly<Record<ChecklistPhase, string>>;
  readonly outcome: Readonly<Record<JobOutcome, string>>;
  readonly clock: Readonly<Record<'response' | 'recovery' | 'interim', string>>;
  readonly decision: Readonly<Record<'requested' | 'approved' | 'denied' | 'expired', string>>;
  readonly sla: {
    readonly columns: readonly string[];
    readonly response: string;
    readonly recovery: string;
    readonly met: string;
    readonly breachedBy: (duration: string) => string;
    readonly notYet: string;
    readonly overdueBy: (duration: string) => string;
    readonly at: (duration: string, time: string) => string;
  };
  /** An SLA-sized duration (whole minutes) in this language. */
  readonly duration: (ms: number) => string;
  readonly seconds: (seconds: string) => string;
  readonly minutesSeconds: (minutes: string, seconds: string) => string;
  readonly checklistColumns: readonly string[];
  readonly auto: string;
  readonly autoShort: string;
  readonly reason: (reason: string) => string;
  readonly runColumns: readonly string[];
  readonly attachmentColumns: readonly string[];
  readonly reportFile: string;
  readonly updateBy: (name: string) => string;
  readonly timelineColumns: readonly string[];
  /** One timeline row's text per event type; parts are already in words (names, times, labels). */
  readonly event: {
    readonly declared: (title: string, severity: string, detectedAt: string) => string;
    readonly acknowledged: string;
    readonly severityChanged: string;
    readonly roleAssigned: (user: string, role: string) => string;
    readonly checked: string;
    readonly unchecked: string;
    readonly jobQueued: string;
    readonly jobStarted: string;
    readonly jobFinished: (job: string, outcome: string, exit: string, duration: string) => string;
    readonly update: string;
    readonly note: string;
    readonly pinned: (author: string, pinnedAt: string, text: string) => string;
    readonly escalated: string;
    readonly reminder: (clock: string, dueAt: string) => string;
    readonly breach: (clock: string, dueAt: string) => string;
    readonly resolved: string;
    readonly closed: string;
    readonly alertAttached: (alertId: string, title: string, source: string) => string;
    readonly reportWritten: string;
    readonly hostSnapshot: string;
  };
}

const EN: ReportWords = {
  title: 'Incident report',
  headings: {
    basics: 'Basic information', summary: 'Summary', detectionMethod: 'Detection method', impact: 'Impact',
    actions: 'Actions taken', rootCause: 'Root cause', prevention: 'Prevention', followUp: 'Follow-up plan',
    attachments: 'Attached logs', sla: 'Response times', checklist: 'Checklist', runs: 'Runs',
    updates: 'Status updates', timeline: 'Timeline',
  },
  basics: {
    status: 'Status', severity: 'Severity', declaredAt: 'Occurred (declared)',
    detectedAt: 'Detected', acknowledgedAt: 'Response started', resolvedAt: 'Recovered', closedAt: 'Closed',
    declaredBy: 'Declared by', responders: 'Responders', escalation: 'Escalation', host: 'Host', generatedAt: 'Report generated',
  },
  snapshot: {
    first: 'Host snapshot (first)', last: 'Host snapshot (latest)', changes: 'Changed during the incident',
    noChanges: 'nothing', facts: (commit, dirty, config, python, packages) =>
      `commit ${commit}, ${dirty} dirty file(s), config/ sha256 ${config}, Python ${python}; ${packages}`,
    change: { added: 'added', removed: 'removed', modified: 'modified', dirty: 'uncommitted' },
  },
  notProvided: '_(not provided)_',
  notRecorded: '_(not recorded)_',
  none: '_(none)_',
  untitled: '_(untitled)_',
  status: { declared: 'Declared', acknowledged: 'Acknowledged', resolved: 'Resolved', closed: 'Closed' },
  severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
  source: { slack: 'via Slack', alert: 'via alert' },
  paren: (text) => ` (${text})`,
  listSeparator: ', ',
  role: { commander: 'commander', comms: 'communications', scribe: 'scribe', responder: 'responder' },
  level: { 1: 'Level 1 (operations)', 2: 'Level 2 (system administrators)', 3: 'Level 3 (development team)' },
  escalationReason: {
    response_breached: 'first-response target missed',
    recovery_half_elapsed: 'half of the recovery target used up',
    recovery_breached: 'recovery target missed',
  },
  phase: { initial: 'Initial response', response: 'Response', post: 'Post-incident' },
  outcome: { succeeded: 'succeeded', failed: 'failed', timed_out: 'timed out', canceled: 'canceled', refused: 'refused', unknown: 'outcome unknown' },
  clock: { response: 'first-response', recovery: 'recovery', interim: 'interim-report' },
  decision: { requested: 'Approval requested', approved: 'Approved', denied: 'Approval denied', expired: 'Approval expired' },
  sla: {
    columns: ['Measure', 'Target', 'Due', 'Actual', 'Verdict'],
    response: 'Time to first response', recovery: 'Time to recovery',
    met: 'met', breachedBy: (d) => `breached by ${d}`, notYet: 'not yet',
    overdueBy: (d) => `not yet (overdue by ${d})`, at: (d, t) => `${d} (${t})`,
  },
  duration: formatDuration,
  seconds: (s) => `${s} s`,
  minutesSeconds: (m, s) => `${m} min ${s} s`,
  checklistColumns: ['Item', 'Done', 'By', 'At', 'Notes'],
  auto: 'automatic (evidence)', autoShort: 'automatic', reason: (r) => `reason: ${r}`,
  runColumns: ['Finished', 'Command', 'Title', 'Host', 'Outcome', 'Exit code', 'Duration', 'Output digest (sha256)'],
  attachmentColumns: ['Time', 'File', 'SHA-256', 'Size', 'Source'],
  reportFile: 'incident report',
  updateBy: (n) => `posted by ${n}`,
  timelineColumns: ['Time', 'By', 'Event'],
  event: {
    declared: (title, severity, detectedAt) => `Incident declared: “${title}”, severity ${severity}, detected ${detectedAt}`,
    acknowledged: 'Response started (acknowledged)',
    severityChanged: 'Severity changed',
    roleAssigned: (user, role) => `${user} assigned as ${role}`,
    checked: 'Checked ✓',
    unchecked: 'Unchecked ✗',
    jobQueued: 'Job queued',
    jobStarted: 'Job started',
    jobFinished: (job, outcome, exit, duration) => `Job finished ${job} — ${outcome}, exit ${exit}, ${duration}`,
    update: 'Status update',
    note: 'Note',
    pinned: (author, pinnedAt, text) => `📌 Message by ${author} (pinned ${pinnedAt}): ${text}`,
    escalated: 'Escalated to',
    reminder: (clock, dueAt) => `Reminder: ${clock} deadline at ${dueAt}`,
    breach: (clock, dueAt) => `Breach: ${clock} deadline ${dueAt} passed`,
    resolved: 'Resolved (service recovered)',
    closed: 'Incident closed',
    alertAttached: (alertId, title, source) => `Alert attached ${alertId}: “${title}” (${source})`,
    reportWritten: 'Report written',
    hostSnapshot: 'Host snapshot',
  },
};

const JA: ReportWords = {
  title: 'インシデント報告書',
  headings: {
    basics: '基本情報', summary: '問題概要', detectionMethod: '検知方法', impact: '影響範囲', actions: '対応内容',
    rootCause: '根本原因', prevention: '再発防止策', followUp: '今後の対応計画', attachments: '添付ログ',
    sla: '対応時間', checklist: 'チェックリスト', runs: '実行したコマンド', updates: '状況報告', timeline: 'タイムライン',
  },
  basics: {
    status: '状態', severity: '重要度', declaredAt: '発生時刻', detectedAt: '検知時刻',
    acknowledgedAt: '対応開始', resolvedAt: '復旧', closedAt: '完了', declaredBy: '宣言者', responders: '対応者',
    escalation: 'エスカレーション', host: '対象ホスト', generatedAt: '報告書作成日時',
  },
  snapshot: {
    first: 'ホストのスナップショット（初回）', last: 'ホストのスナップショット（最新）', changes: '障害対応中の変更',
    noChanges: 'なし', facts: (commit, dirty, config, python, packages) =>
      `コミット ${commit}、未コミットのファイル ${dirty} 件、config/ sha256 ${config}、Python ${python}；${packages}`,
    change: { added: '追加', removed: '削除', modified: '変更', dirty: '未コミット' },
  },
  notProvided: '（未記入）',
  notRecorded: '（未記録）',
  none: '（なし）',
  untitled: '（件名なし）',
  status: { declared: '宣言済み', acknowledged: '対応中', resolved: '復旧済み', closed: '完了' },
  severity: { critical: '緊急 (Critical)', high: '高 (High)', medium: '中 (Medium)', low: '低 (Low)' },
  source: { slack: 'Slack', alert: 'アラート' },
  paren: (text) => `（${text}）`,
  listSeparator: '、',
  role: { commander: '指揮者', comms: '連絡担当', scribe: '記録係', responder: '対応担当' },
  level: { 1: 'レベル1（運用担当者）', 2: 'レベル2（システム管理者）', 3: 'レベル3（開発チーム）' },
  escalationReason: {
    response_breached: '初期対応時間の目標を超過',
    recovery_half_elapsed: '復旧目標時間の半分を経過',
    recovery_breached: '復旧目標時間を超過',
  },
  phase: { initial: '初期対応', response: '対応実施', post: '事後対応' },
  outcome: { succeeded: '成功', failed: '失敗', timed_out: 'タイムアウト', canceled: '中止', refused: '拒否', unknown: '結果不明' },
  clock: { response: '初期対応', recovery: '復旧', interim: '中間報告' },
  decision: { requested: '承認依頼', approved: '承認', denied: '承認却下', expired: '承認期限切れ' },
  sla: {
    columns: ['指標', '目標', '期限', '実績', '判定'],
    response: '初期対応時間', recovery: '復旧時間',
    met: '達成', breachedBy: (d) => `${d}超過`, notYet: '未完了',
    overdueBy: (d) => `未完了（期限を${d}超過）`, at: (d, t) => `${d}（${t}）`,
  },
  duration: (ms) =>
    formatDuration(ms).replace(/ d /, '日').replace(/ h(?: |$)/, '時間').replace(/ min$/, '分').replace(/ s$/, '秒'),
  seconds: (s) => `${s}秒`,
  minutesSeconds: (m, s) => `${m}分${s}秒`,
  checklistColumns: ['項目', '完了', '実施者', '時刻', '備考'],
  auto: '自動（証跡による）', autoShort: '自動', reason: (r) => `理由: ${r}`,
  runColumns: ['終了時刻', 'コマンド', '名称', 'ホスト', '結果', '終了コード', '所要時間', '出力ダイジェスト (sha256)'],
  attachmentColumns: ['時刻', 'ファイル', 'SHA-256', 'サイズ', '出典'],
  reportFile: 'インシデント報告書',
  updateBy: (n) => `投稿: ${n}`,
  timelineColumns: ['時刻', '実行者', '出来事'],
  event: {
    declared: (title, severity, detectedAt) => `インシデント宣言「${title}」、重要度 ${severity}、検知時刻 ${detectedAt}`,
    acknowledged: '対応開始（初動）',
    severityChanged: '重要度を変更',
    roleAssigned: (user, role) => `${user} を${role}に任命`,
    checked: 'チェック ✓',
    unchecked: 'チェック解除 ✗',
    jobQueued: 'ジョブ登録',
    jobStarted: 'ジョブ開始',
    jobFinished: (job, outcome, exit, duration) => `ジョブ終了 ${job} — ${outcome}、終了コード ${exit}、${duration}`,
    update: '状況報告',
    note: 'メモ',
    pinned: (author, pinnedAt, text) => `📌 ${author} の投稿（${pinnedAt} にピン留め）: ${text}`,
    escalated: 'エスカレーション',
    reminder: (clock, dueAt) => `${clock}期限の事前通知（期限 ${dueAt}）`,
    breach: (clock, dueAt) => `${clock}期限超過（期限 ${dueAt}）`,
    resolved: '復旧を記録',
    closed: 'インシデント完了',
    alertAttached: (alertId, title, source) => `アラート紐付け ${alertId}「${title}」（${source}）`,
    reportWritten: '報告書を保存',
    hostSnapshot: 'ホストのスナップショット',
  },
};

export const REPORT_WORDS: Readonly<Record<Locale, ReportWords>> = { en: EN, ja: JA };
