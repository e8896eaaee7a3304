// Every word of the report (障害報告書) in English and Japanese. One interface types both, so a locale that
// misses a heading, a label or an event phrase does not compile. Japanese uses the runbook's terms, one
// word per thing, full-width brackets and `、` between list items.
import type { ChecklistPhase } from './checklist.js';
import type { EscalationReason } from './escalation.js';
import type { ActionItem, EscalationLevel, IncidentRole, IncidentStatus, ReportFields } from './incident.js';
import type { Locale } from './locale.js';
import type { Severity } from './severity.js';
import { formatDuration, formatDurationJa } from './time.js';
import type { JobOutcome } from './timeline.js';

export type BasicsLabel =
  | 'subject' | 'id' | 'reporter' | 'createdAt' | 'revision' | 'severity' | 'status' | 'startedAt' | 'detectedAt' | 'declaredAt'
  | 'acknowledgedAt' | 'resolvedAt' | 'closedAt' | 'impactDuration' | 'detectionMethod' | 'commander' | 'responders' | 'escalation' | 'host';

export type Heading =
  | keyof ReportFields | 'basics' | 'sla' | 'history' | 'openItems' | 'appendix' | 'attachments' | 'checklist' | 'runs' | 'updates' | 'timeline';

export interface ReportWords {
  readonly title: string;
  readonly headings: Readonly<Record<Heading, string>>;
  readonly basics: Readonly<Record<BasicsLabel, string>>;
  readonly basicsColumns: readonly string[];
  readonly revision: (n: number) => string;
  readonly impactDuration: (duration: string) => string;
  readonly impactOngoing: (duration: string) => string;
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
  readonly nobody: string;
  /** An alert source acting (`alert:<source>`). */
  readonly alertActor: (source: string) => string;
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
  /** The short history (経緯): one line per milestone. */
  readonly historyLine: (when: string, text: string) => string;
  readonly history: {
    readonly started: string;
    readonly detected: string;
    readonly declared: (by: string) => string;
    readonly acknowledged: (by: string) => string;
    readonly severityChanged: (from: string, to: string, by: string) => string;
    readonly escalated: (level: string) => string;
    readonly resolved: (by: string) => string;
    readonly reopened: (by: string, reason: string) => string;
    readonly closed: (by: string) => string;
  };
  readonly actionColumns: Readonly<Record<ActionItem['kind'], readonly string[]>>;
  /** A follow-up's state in its table (open / done on a day). */
  readonly followUpState: { readonly open: string; readonly done: (when: string) => string };
  /** The Mermaid timeline's words: task names (sanitised for Mermaid where they are written). */
  readonly chart: {
    readonly title: (id: string, title: string) => string;
    readonly sections: { readonly detection: string; readonly response: string; readonly recovery: string; readonly close: string };
    readonly started: string;
    readonly detected: string;
    readonly declared: string;
    readonly target: (duration: string) => string;
    readonly actual: (duration: string, verdict: string) => string;
    readonly ongoing: (duration: string) => string;
    readonly met: string;
    readonly missed: string;
    readonly closed: string;
  };
  readonly openItems: {
    readonly intro: string;
    readonly unverified: (reason: string) => string;
    readonly notClosed: (status: string) => string;
    readonly item: (label: string) => string;
  };
  readonly appendixIntro: string;
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
    readonly severityChanged: (from: string, to: string) => string;
    readonly roleAssigned: (user: string, role: string) => string;
    readonly checked: (item: string) => string;
    readonly unchecked: (item: string) => string;
    readonly jobQueued: (job: string) => string;
    readonly jobStarted: (job: string) => string;
    readonly jobFinished: (job: string, outcome: string, exit: string, duration: string) => string;
    readonly job: (jobId: string, command: string, host: string) => string;
    readonly approval: (decision: string, command: string) => string;
    readonly update: (text: string) => string;
    readonly note: (text: string) => string;
    readonly verificationPassed: string;
    /** `failed`: the failed checks' ids, joined; empty when none reported a result. */
    readonly verificationFailed: (failed: string) => string;
    readonly pinned: (author: string, pinnedAt: string, text: string) => string;
    readonly escalated: (level: string, reason: string) => string;
    readonly reminder: (clock: string, dueAt: string) => string;
    readonly breach: (clock: string, dueAt: string) => string;
    readonly resolved: string;
    readonly reopened: (reason: string) => string;
    readonly closed: string;
    readonly closedUnverified: (reason: string) => string;
    readonly alertAttached: (alertId: string, title: string, source: string) => string;
    readonly reportWritten: (file: string, sha256: string) => string;
    readonly hostSnapshot: (jobId: string, host: string, facts: string) => string;
    readonly followUpAdded: (id: string, text: string, owner: string, due: string) => string;
    readonly followUpDone: (id: string) => string;
    readonly followUpReopened: (id: string) => string;
  };
}

const EN: ReportWords = {
  title: 'Incident report',
  headings: {
    basics: 'Basic information', sla: 'Response times', history: 'What happened', summary: 'Summary', detectionMethod: 'Detection method',
    impact: 'Impact', actions: 'Actions taken', workaround: 'Workaround', permanentFix: 'Permanent fix', rootCause: 'Root cause',
    prevention: 'Prevention', improvementPlan: 'Improvement plan', followUp: 'Follow-up plan', openItems: 'Open items',
    appendix: 'Appendix', checklist: 'Checklist', runs: 'Commands run', updates: 'Status updates', timeline: 'Timeline', attachments: 'Attached logs',
  },
  basics: {
    subject: 'Subject', id: 'ID', reporter: 'Reported by', createdAt: 'Written', revision: 'Revision', severity: 'Severity', status: 'Status',
    startedAt: 'Started', detectedAt: 'Detected', declaredAt: 'Declared', acknowledgedAt: 'First response', resolvedAt: 'Recovered',
    closedAt: 'Closed', impactDuration: 'Impact duration', detectionMethod: 'Detected by', commander: 'Incident commander',
    responders: 'Responders', escalation: 'Escalation', host: 'Host',
  },
  basicsColumns: ['Item', 'Value'],
  revision: (n) => `rev. ${n}`,
  impactDuration: (d) => `${d} (from start to recovery)`,
  impactOngoing: (d) => `${d} so far (not recovered)`,
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
  nobody: 'nobody',
  alertActor: (source) => `alert (${source})`,
  status: { declared: 'Declared', acknowledged: 'Responding', resolved: 'Recovered', closed: 'Closed' },
  severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
  source: { slack: 'via Slack', alert: 'via alert' },
  paren: (text) => ` (${text})`,
  listSeparator: ', ',
  role: { commander: 'incident commander', comms: 'communications', scribe: 'scribe', responder: 'responder' },
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
  historyLine: (when, text) => `${when} — ${text}`,
  history: {
    started: 'The problem started',
    detected: 'Detected',
    declared: (by) => `Incident declared by ${by}`,
    acknowledged: (by) => `First response by ${by}`,
    severityChanged: (from, to, by) => `Severity ${from} → ${to} (${by})`,
    escalated: (level) => `Escalated to ${level}`,
    resolved: (by) => `Recovery recorded by ${by}`,
    reopened: (by, reason) => `Reopened by ${by}: ${reason}`,
    closed: (by) => `Closed by ${by}`,
  },
  actionColumns: { prevention: ['ID', 'Measure', 'Owner', 'Due', 'State'], follow_up: ['ID', 'Action', 'Owner', 'Due', 'State'] },
  followUpState: { open: 'open', done: (when) => `done ${when}` },
  chart: {
    title: (id, title) => `${id} ${title}`,
    sections: { detection: 'Detection', response: 'First response', recovery: 'Recovery', close: 'Close' },
    started: 'Started',
    detected: 'Detected',
    declared: 'Declared',
    target: (duration) => `Target ${duration}`,
    actual: (duration, verdict) => `Actual ${duration} (${verdict})`,
    ongoing: (duration) => `Running ${duration}`,
    met: 'met',
    missed: 'missed',
    closed: 'Closed',
  },
  openItems: {
    intro: 'Left open when this report was written:',
    unverified: (reason) => `System verification was not done; closed anyway because: ${reason}`,
    notClosed: (status) => `The incident is not closed yet (${status})`,
    item: (label) => `Checklist: ${label}`,
  },
  appendixIntro: 'The records the report is built from.',
  checklistColumns: ['Item', 'Done', 'By', 'At', 'Notes'],
  auto: 'automatic (evidence)', autoShort: 'automatic', reason: (r) => `reason: ${r}`,
  runColumns: ['Finished', 'Command', 'Title', 'Host', 'Outcome', 'Exit code', 'Duration', 'Output digest (sha256)'],
  attachmentColumns: ['Time', 'File', 'SHA-256', 'Size', 'Source'],
  reportFile: 'incident report',
  updateBy: (n) => `posted by ${n}`,
  timelineColumns: ['Time', 'By', 'Event'],
  event: {
    declared: (title, severity, detectedAt) => `Incident declared: “${title}”, severity ${severity}, detected ${detectedAt}`,
    acknowledged: 'First response',
    severityChanged: (from, to) => `Severity changed: ${from} → ${to}`,
    roleAssigned: (user, role) => `${user} assigned as ${role}`,
    checked: (item) => `Checked ✓ ${item}`,
    unchecked: (item) => `Unchecked ✗ ${item}`,
    jobQueued: (job) => `Job queued ${job}`,
    jobStarted: (job) => `Job started ${job}`,
    jobFinished: (job, outcome, exit, duration) => `Job finished ${job} — ${outcome}, exit ${exit}, ${duration}`,
    job: (jobId, command, host) => `${jobId}: ${command} @ ${host}`,
    approval: (decision, command) => `${decision}: ${command}`,
    update: (text) => `Status update: ${text}`,
    note: (text) => `Note: ${text}`,
    verificationPassed: 'Post-recovery verification passed',
    verificationFailed: (failed) => `Post-recovery verification failed: ${failed || 'no result'}`,
    pinned: (author, pinnedAt, text) => `📌 Message by ${author} (pinned ${pinnedAt}): ${text}`,
    escalated: (level, reason) => `Escalated to ${level}: ${reason}`,
    reminder: (clock, dueAt) => `Reminder: ${clock} deadline at ${dueAt}`,
    breach: (clock, dueAt) => `Breach: ${clock} deadline ${dueAt} passed`,
    resolved: 'Recovery recorded',
    reopened: (reason) => `Reopened: ${reason}`,
    closed: 'Incident closed',
    closedUnverified: (reason) => `Incident closed without system verification (reason: ${reason})`,
    alertAttached: (alertId, title, source) => `Alert attached ${alertId}: “${title}” (${source})`,
    reportWritten: (file, sha256) => `Report written: ${file} (sha256 ${sha256})`,
    hostSnapshot: (jobId, host, facts) => `Host snapshot ${jobId} @ ${host}: ${facts}`,
    followUpAdded: (id, text, owner, due) => `Follow-up ${id}: ${text} (owner ${owner}, due ${due})`,
    followUpDone: (id) => `Follow-up ${id} done`,
    followUpReopened: (id) => `Follow-up ${id} open again`,
  },
};

const JA: ReportWords = {
  title: '障害報告書',
  headings: {
    basics: '基本情報', sla: '対応時間', history: '経緯', summary: '問題概要', detectionMethod: '検知方法', impact: '影響範囲',
    actions: '対応内容', workaround: '暫定対応', permanentFix: '恒久対応', rootCause: '根本原因', prevention: '再発防止策',
    improvementPlan: '改善計画', followUp: '今後の対応計画', openItems: '未完了項目', appendix: '付録', checklist: 'チェックリスト',
    runs: '実行したコマンド', updates: '中間報告', timeline: 'タイムライン', attachments: '添付ログ',
  },
  basics: {
    subject: '件名', id: 'ID', reporter: '報告者', createdAt: '作成日', revision: '版数', severity: '重要度', status: '状態',
    startedAt: '発生時刻', detectedAt: '検知時刻', declaredAt: '宣言時刻', acknowledgedAt: '初期対応時刻', resolvedAt: '復旧時刻',
    closedAt: 'クローズ時刻', impactDuration: '影響時間', detectionMethod: '検知方法', commander: '対応責任者', responders: '対応者',
    escalation: 'エスカレーション', host: '対象ホスト',
  },
  basicsColumns: ['項目', '内容'],
  revision: (n) => `第${n}版`,
  impactDuration: (d) => `${d}（発生から復旧まで）`,
  impactOngoing: (d) => `${d}（未復旧、継続中）`,
  snapshot: {
    first: 'ホストのスナップショット（初回）', last: 'ホストのスナップショット（最新）', changes: '障害対応中の変更',
    noChanges: 'なし', facts: (commit, dirty, config, python, packages) =>
      `コミット ${commit}、未コミットのファイル ${dirty} 件、設定ファイル群の SHA-256 ${config}、Python ${python}；${packages}`,
    change: { added: '追加', removed: '削除', modified: '変更', dirty: '未コミット' },
  },
  notProvided: '（未記入）',
  notRecorded: '（未記録）',
  none: '（なし）',
  untitled: '（件名なし）',
  nobody: '（未割り当て）',
  alertActor: (source) => `アラート（${source}）`,
  status: { declared: '宣言済み', acknowledged: '対応中', resolved: '復旧済み', closed: 'クローズ' },
  severity: { critical: '緊急（Critical）', high: '高（High）', medium: '中（Medium）', low: '低（Low）' },
  source: { slack: 'Slack', alert: 'アラート' },
  paren: (text) => `（${text}）`,
  listSeparator: '、',
  role: { commander: '対応責任者', comms: '連絡担当', scribe: '記録担当', responder: '対応担当' },
  level: { 1: 'Level 1（運用担当者）', 2: 'Level 2（システム管理者）', 3: 'Level 3（開発チーム）' },
  escalationReason: {
    response_breached: '初期対応時間の目標を超過',
    recovery_half_elapsed: '復旧目標時間の半分を経過',
    recovery_breached: '復旧目標時間を超過',
  },
  phase: { initial: '初期対応', response: '対応実施', post: '事後対応' },
  outcome: { succeeded: '成功', failed: '失敗', timed_out: 'タイムアウト', canceled: '中止', refused: '拒否', unknown: '結果不明' },
  clock: { response: '初期対応', recovery: '復旧', interim: '中間報告' },
  decision: { requested: '承認依頼', approved: '承認', denied: '却下', expired: '承認期限切れ' },
  sla: {
    columns: ['指標', '目標', '期限', '実績', '判定'],
    response: '初期対応時間', recovery: '復旧時間',
    met: '達成', breachedBy: (d) => `未達（${d}超過）`, notYet: '未完了',
    overdueBy: (d) => `未完了（期限を${d}超過）`, at: (d, t) => `${d}（${t}）`,
  },
  duration: formatDurationJa,
  seconds: (s) => `${s}秒`,
  minutesSeconds: (m, s) => `${m}分${Number(s)}秒`,
  historyLine: (when, text) => `${when}\u3000${text}`,
  history: {
    started: '障害発生',
    detected: '検知',
    declared: (by) => `${by}がインシデントを宣言`,
    acknowledged: (by) => `${by}が初期対応を開始`,
    severityChanged: (from, to, by) => `${by}が重要度を${from}から${to}に変更`,
    escalated: (level) => `${level}にエスカレーション`,
    resolved: (by) => `${by}が復旧を記録`,
    reopened: (by, reason) => `${by}が対応を再開（理由：${reason}）`,
    closed: (by) => `${by}がクローズ`,
  },
  actionColumns: { prevention: ['番号', '対策', '担当', '期限', '状態'], follow_up: ['番号', '項目', '担当', '期限', '状態'] },
  followUpState: { open: '未完了', done: (when) => `完了（${when}）` },
  chart: {
    title: (id, title) => `${id} ${title}`,
    sections: { detection: '検知', response: '初期対応', recovery: '復旧', close: 'クローズ' },
    started: '発生',
    detected: '検知',
    declared: '宣言',
    target: (duration) => `目標 ${duration}`,
    actual: (duration, verdict) => `実績 ${duration}（${verdict}）`,
    ongoing: (duration) => `対応中 ${duration}`,
    met: '達成',
    missed: '未達',
    closed: 'クローズ',
  },
  openItems: {
    intro: '本報告書の作成時点で、次の項目が完了していません。',
    unverified: (reason) => `システム検証を実施せずにクローズ（理由：${reason}）`,
    notClosed: (status) => `インシデントは未クローズ（${status}）`,
    item: (label) => `チェックリスト：${label}`,
  },
  appendixIntro: '本報告書の根拠となった記録です。',
  checklistColumns: ['項目', '完了', '実施者', '時刻', '備考'],
  auto: '自動（証跡による）', autoShort: '自動', reason: (r) => `理由：${r}`,
  runColumns: ['終了時刻', 'コマンド', '名称', 'ホスト', '結果', '終了コード', '所要時間', '出力ダイジェスト（SHA-256）'],
  attachmentColumns: ['時刻', 'ファイル', 'SHA-256', 'サイズ', '出典'],
  reportFile: '障害報告書',
  updateBy: (n) => `投稿者：${n}`,
  timelineColumns: ['時刻', '実施者', '出来事'],
  event: {
    declared: (title, severity, detectedAt) => `インシデント宣言「${title}」（重要度：${severity}、検知時刻：${detectedAt}）`,
    acknowledged: '初期対応を開始',
    severityChanged: (from, to) => `重要度を${from}から${to}に変更`,
    roleAssigned: (user, role) => `${user}を${role}に任命`,
    checked: (item) => `「${item}」を完了`,
    unchecked: (item) => `「${item}」を未完了に戻す`,
    jobQueued: (job) => `ジョブを登録：${job}`,
    jobStarted: (job) => `ジョブを開始：${job}`,
    jobFinished: (job, outcome, exit, duration) => `ジョブが終了：${job}（${outcome}、終了コード ${exit}、${duration}）`,
    job: (jobId, command, host) => `${jobId} ${command}（${host}）`,
    approval: (decision, command) => `${decision}：${command}`,
    update: (text) => `中間報告：${text}`,
    note: (text) => `メモ：${text}`,
    verificationPassed: '復旧後のシステム検証に合格',
    verificationFailed: (failed) => `復旧後のシステム検証に失敗：${failed || '結果なし'}`,
    pinned: (author, pinnedAt, text) => `📌 ${author}の投稿（${pinnedAt}にピン留め）：${text}`,
    escalated: (level, reason) => `${level}にエスカレーション：${reason}`,
    reminder: (clock, dueAt) => `${clock}期限の事前通知（期限 ${dueAt}）`,
    breach: (clock, dueAt) => `${clock}期限を超過（期限 ${dueAt}）`,
    resolved: '復旧を記録',
    reopened: (reason) => `対応を再開（理由：${reason}）`,
    closed: 'インシデントをクローズ',
    closedUnverified: (reason) => `システム検証を実施せずにクローズ（理由：${reason}）`,
    alertAttached: (alertId, title, source) => `アラートを紐付け：${alertId}「${title}」（${source}）`,
    reportWritten: (file, sha256) => `報告書を保存：${file}（SHA-256 ${sha256}）`,
    hostSnapshot: (jobId, host, facts) => `ホストのスナップショット：${jobId}（${host}）：${facts}`,
    followUpAdded: (id, text, owner, due) => `フォローアップ ${id}：${text}（担当：${owner}、期限：${due}）`,
    followUpDone: (id) => `フォローアップ ${id} を完了`,
    followUpReopened: (id) => `フォローアップ ${id} を未完了に戻す`,
  },
};

export const REPORT_WORDS: Readonly<Record<Locale, ReportWords>> = { en: EN, ja: JA };
