// The incident report of runbook §9.2, compiled from the incident and its timeline. Pure and deterministic:
// the same input always gives the same bytes, and user text can never change the document's structure.
import { tzOffset } from '@date-fns/tz';
import { CHECKLIST_ITEMS, CHECKLIST_PHASES, type ChecklistEntry } from './checklist.js';
import { INCIDENT_ROLES, type Incident, type Instant, type ReportFields, type UserId } from './incident.js';
import type { Locale } from './locale.js';
import { escapeBlock, escapeInline, tableHeader, tableRow } from './markdown.js';
import { isMajor } from './severity.js';
import { formatDuration, formatInstant } from './time.js';
import type { TimelineEvent } from './timeline.js';

export interface ReportInput {
  readonly incident: Incident;
  /** In time order; out-of-order input is sorted stably by `at`. */
  readonly events: readonly TimelineEvent[];
  readonly locale: Locale;
  /** The team's IANA time zone; every instant is shown in it, with its date and UTC offset. */
  readonly timeZone: string;
  /** SLA targets for the incident's (final) severity. */
  readonly targets: { readonly responseMinutes: number; readonly recoveryMinutes: number };
  readonly commandTitle?: (commandId: string) => string | undefined;
  readonly userName?: (userId: string) => string | undefined;
  readonly generatedAt: Instant;
}

type Field = keyof ReportFields;
const FIELD_ORDER = ['summary', 'detectionMethod', 'impact', 'actions', 'rootCause', 'prevention', 'followUp'] as const satisfies readonly Field[];
// §9.1: critical/high need the full template, medium/low the short one; other fields appear only when written.
const REQUIRED_FIELDS: Readonly<Record<'full' | 'short', readonly Field[]>> = {
  full: ['summary', 'impact', 'actions', 'rootCause', 'prevention'],
  short: ['summary', 'actions', 'followUp'],
};

const EN = {
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
  notProvided: '_(not provided)_',
  notRecorded: '_(not recorded)_',
  none: '_(none)_',
  untitled: '_(untitled)_',
  status: { declared: 'Declared', acknowledged: 'Acknowledged', resolved: 'Resolved', closed: 'Closed' },
  severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
  source: { slack: 'via Slack', alert: 'via alert' },
  paren: (text: string) => ` (${text})`,
  role: { commander: 'commander', comms: 'communications', scribe: 'scribe', responder: 'responder' },
  level: { 1: 'Level 1 (operations)', 2: 'Level 2 (system administrators)', 3: 'Level 3 (development team)' },
  escalationReason: {
    response_breached: 'first-response target missed',
    recovery_half_elapsed: 'half of the recovery target used up',
    recovery_breached: 'recovery target missed',
  } as Readonly<Record<string, string>>,
  phase: { initial: 'Initial response', response: 'Response', post: 'Post-incident' },
  outcome: { succeeded: 'succeeded', failed: 'failed', timed_out: 'timed out', canceled: 'canceled', refused: 'refused', unknown: 'outcome unknown' },
  clock: { response: 'first-response', recovery: 'recovery', interim: 'interim-report' },
  decision: { requested: 'Approval requested', approved: 'Approved', denied: 'Approval denied', expired: 'Approval expired' },
  sla: {
    columns: ['Measure', 'Target', 'Due', 'Actual', 'Verdict'],
    response: 'Time to first response', recovery: 'Time to recovery',
    met: 'met', breachedBy: (d: string) => `breached by ${d}`, notYet: 'not yet',
    overdueBy: (d: string) => `not yet (overdue by ${d})`, at: (d: string, t: string) => `${d} (${t})`,
  },
  checklistColumns: ['Item', 'Done', 'By', 'At', 'Notes'],
  auto: 'automatic (evidence)', autoShort: 'automatic', reason: (r: string) => `reason: ${r}`,
  runColumns: ['Finished', 'Command', 'Title', 'Host', 'Outcome', 'Exit code', 'Duration', 'Output digest (sha256)'],
  attachmentColumns: ['Time', 'File', 'SHA-256', 'Size', 'Source'],
  reportFile: 'incident report',
  updateBy: (n: string) => `posted by ${n}`,
  timelineColumns: ['Time', 'By', 'Event'],
};

type Words = typeof EN;

const JA: Words = {
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
  notProvided: '（未記入）',
  notRecorded: '（未記録）',
  none: '（なし）',
  untitled: '（件名なし）',
  status: { declared: '宣言済み', acknowledged: '対応中', resolved: '復旧済み', closed: '完了' },
  severity: { critical: '緊急 (Critical)', high: '高 (High)', medium: '中 (Medium)', low: '低 (Low)' },
  source: { slack: 'Slack', alert: 'アラート' },
  paren: (text: string) => `（${text}）`,
  role: { commander: '指揮者', comms: '連絡担当', scribe: '記録係', responder: '対応担当' },
  level: { 1: 'レベル1（運用担当者）', 2: 'レベル2（システム管理者）', 3: 'レベル3（開発チーム）' },
  escalationReason: {
    response_breached: '初期対応時間の目標を超過',
    recovery_half_elapsed: '復旧目標時間の半分を経過',
    recovery_breached: '復旧目標時間を超過',
  } as Readonly<Record<string, string>>,
  phase: { initial: '初期対応', response: '対応実施', post: '事後対応' },
  outcome: { succeeded: '成功', failed: '失敗', timed_out: 'タイムアウト', canceled: '中止', refused: '拒否', unknown: '結果不明' },
  clock: { response: '初期対応', recovery: '復旧', interim: '中間報告' },
  decision: { requested: '承認依頼', approved: '承認', denied: '承認却下', expired: '承認期限切れ' },
  sla: {
    columns: ['指標', '目標', '期限', '実績', '判定'],
    response: '初期対応時間', recovery: '復旧時間',
    met: '達成', breachedBy: (d: string) => `${d}超過`, notYet: '未完了',
    overdueBy: (d: string) => `未完了（期限を${d}超過）`, at: (d: string, t: string) => `${d}（${t}）`,
  },
  checklistColumns: ['項目', '完了', '実施者', '時刻', '備考'],
  auto: '自動（証跡による）', autoShort: '自動', reason: (r: string) => `理由: ${r}`,
  runColumns: ['終了時刻', 'コマンド', '名称', 'ホスト', '結果', '終了コード', '所要時間', '出力ダイジェスト (sha256)'],
  attachmentColumns: ['時刻', 'ファイル', 'SHA-256', 'サイズ', '出典'],
  reportFile: 'インシデント報告書',
  updateBy: (n: string) => `投稿: ${n}`,
  timelineColumns: ['時刻', '実行者', '出来事'],
};

const WORDS: Readonly<Record<Locale, Words>> = { en: EN, ja: JA };

const TIME_PATTERN = 'yyyy-MM-dd HH:mm:ss xxx';
const QUARTER_HOUR_MS = 15 * 60_000;

interface Context {
  readonly w: Words;
  readonly locale: Locale;
  readonly time: (at: Instant) => string;
  readonly name: (user: UserId) => string;
  readonly title: (commandId: string) => string | undefined;
}

/**
 * Renders the §9.2 incident report as Markdown: the full form for critical/high, the short form for medium/low,
 * then response times against the targets, the checklist, every run, every status update and the timeline.
 * @example renderReport({ incident, events, locale: 'ja', timeZone: 'Asia/Tokyo', targets, generatedAt }) //=> '# インシデント報告書\n…'
 */
export function renderReport(input: ReportInput): string {
  const { incident, locale } = input;
  const w = WORDS[locale];
  const ctx: Context = {
    w,
    locale,
    time: reportTimeFormatter(input.timeZone),
    name: memoize((user) => nonEmpty(input.userName?.(user))?.trim() ?? user),
    title: (id) => nonEmpty(input.commandTitle?.(id)),
  };
  const events = inTimeOrder(input.events);
  const blocks: string[] = [
    `# ${w.title}`,
    `**${escapeInline(incident.id)}** — ${nonEmpty(incident.title) === undefined ? w.untitled : escapeInline(incident.title)}`,
    `## ${w.headings.basics}`,
    basics(incident, input.generatedAt, ctx),
  ];
  const form = isMajor(incident.severity) ? 'full' : 'short';
  for (const field of FIELD_ORDER) {
    const text = nonEmpty(incident.report[field]);
    if (text === undefined && !REQUIRED_FIELDS[form].includes(field)) continue;
    blocks.push(`## ${w.headings[field]}`, text === undefined ? w.notProvided : escapeBlock(text));
  }
  blocks.push(`## ${w.headings.attachments}`, attachments(events, ctx));
  blocks.push(`## ${w.headings.sla}`, slaTable(incident, input, ctx));
  blocks.push(`## ${w.headings.checklist}`, ...checklist(incident, ctx));
  blocks.push(`## ${w.headings.runs}`, runs(events, ctx));
  blocks.push(`## ${w.headings.updates}`, ...updates(events, ctx));
  blocks.push(`## ${w.headings.timeline}`, timeline(events, ctx));
  return `${blocks.join('\n\n')}\n`;
}

/**
 * The report's clock: `yyyy-MM-dd HH:mm:ss ±hh:mm` in a time zone, identical to `formatInstant` with that
 * pattern but fast enough for 10,000 rows (the zone is consulted once per minute of the incident).
 * @example reportTimeFormatter('Asia/Tokyo')(Date.UTC(2026, 2, 10, 1)) //=> '2026-03-10 10:00:00 +09:00'
 */
export function reportTimeFormatter(timeZone: string): (at: Instant) => string {
  const offsets = new Map<number, number | null>();
  const minutes = new Map<number, readonly [head: string, zone: string] | null>();
  const offsetAt = (at: Instant): number | null => {
    const bucket = Math.floor(at / QUARTER_HOUR_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const first = tzOffset(timeZone, new Date(bucket * QUARTER_HOUR_MS));
      const last = tzOffset(timeZone, new Date((bucket + 1) * QUARTER_HOUR_MS - 1));
      // Zone transitions fall on quarter hours; anything else (historic second offsets) takes the slow path.
      offset = first === last && Number.isInteger(first) ? first : null;
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const minuteParts = (minute: number): readonly [string, string] | null => {
    const offset = offsetAt(minute * 60_000);
    if (offset === null) return null;
    const local = new Date((minute + offset) * 60_000);
    const abs = Math.abs(offset);
    return [
      `${String(local.getUTCFullYear()).padStart(4, '0')}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())} ` +
        `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:`,
      ` ${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`,
    ];
  };
  return (at) => {
    const minute = Math.floor(at / 60_000);
    let parts = minutes.get(minute);
    if (parts === undefined) {
      parts = minuteParts(minute);
      minutes.set(minute, parts);
    }
    if (parts === null) return formatInstant(at, timeZone, TIME_PATTERN);
    // Whole-minute offsets leave the seconds as they are in UTC.
    return `${parts[0]}${pad2(Math.floor((at - minute * 60_000) / 1000))}${parts[1]}`;
  };
}

function basics(incident: Incident, generatedAt: Instant, ctx: Context): string {
  const { w } = ctx;
  const b = w.basics;
  const at = (instant: Instant | undefined): string => (instant === undefined ? w.notRecorded : escapeInline(ctx.time(instant)));
  const text = (value: string | undefined): string => {
    const given = nonEmpty(value);
    return given === undefined ? w.notRecorded : escapeInline(given);
  };
  const rows: [string, string][] = [
    [b.status, escapeInline(w.status[incident.status])],
    [b.severity, escapeInline(w.severity[incident.severity])],
    [b.declaredAt, at(incident.declaredAt)],
    [b.detectedAt, at(incident.detectedAt)],
    [b.acknowledgedAt, at(incident.status === 'declared' ? undefined : incident.acknowledgedAt)],
    [b.resolvedAt, at(incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined)],
    [b.closedAt, at(incident.status === 'closed' ? incident.closedAt : undefined)],
    [b.declaredBy, escapeInline(`${ctx.name(incident.declaredBy)}${w.paren(w.source[incident.source])}`)],
    [b.responders, text(responders(incident, ctx))],
    [b.escalation, escapeInline(w.level[incident.escalationLevel])],
    [b.host, text(incident.host)],
    [b.generatedAt, at(generatedAt)],
  ];
  return rows.map(([label, value]) => `- **${label}**: ${value}`).join('\n');
}

// 対応者: everyone who acted, in order of first action, with the roles they hold.
function responders(incident: Incident, ctx: Context): string {
  const people = [...incident.responders];
  for (const role of INCIDENT_ROLES) {
    const user = incident.roles[role];
    if (user !== undefined && !people.includes(user)) people.push(user);
  }
  const separator = ctx.locale === 'ja' ? '、' : ', ';
  return people
    .map((user) => {
      const held = INCIDENT_ROLES.filter((role) => incident.roles[role] === user).map((role) => ctx.w.role[role]);
      return held.length === 0 ? ctx.name(user) : `${ctx.name(user)}${ctx.w.paren(held.join(separator))}`;
    })
    .join(separator);
}

function slaTable(incident: Incident, input: ReportInput, ctx: Context): string {
  const { sla } = ctx.w;
  const acknowledgedAt = incident.status === 'declared' ? undefined : incident.acknowledgedAt;
  const resolvedAt = incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined;
  const row = (label: string, targetMinutes: number, reachedAt: Instant | undefined): string => {
    const targetMs = targetMinutes * 60_000;
    const dueAt = incident.declaredAt + targetMs;
    let actual = '—';
    let verdict: string;
    if (reachedAt === undefined) {
      verdict = input.generatedAt > dueAt ? sla.overdueBy(duration(input.generatedAt - dueAt, ctx)) : sla.notYet;
    } else {
      const taken = reachedAt - incident.declaredAt;
      actual = sla.at(duration(taken, ctx), ctx.time(reachedAt));
      verdict = taken <= targetMs ? sla.met : sla.breachedBy(duration(taken - targetMs, ctx));
    }
    return tableRow([label, duration(targetMs, ctx), ctx.time(dueAt), actual, verdict]);
  };
  return [
    tableHeader(sla.columns),
    row(sla.response, input.targets.responseMinutes, acknowledgedAt),
    row(sla.recovery, input.targets.recoveryMinutes, resolvedAt),
  ].join('\n');
}

function checklist(incident: Incident, ctx: Context): string[] {
  const { w } = ctx;
  const blocks: string[] = [];
  for (const phase of CHECKLIST_PHASES) {
    const rows = [tableHeader(w.checklistColumns)];
    for (const item of CHECKLIST_ITEMS) {
      if (item.phase !== phase) continue;
      // Records come from storage: tolerate an item missing from an older incident.
      const entry: ChecklistEntry = incident.checklist[item.id] ?? { done: false };
      const notes: string[] = [];
      if (entry.auto === true) notes.push(w.auto);
      const reason = nonEmpty(entry.reason);
      if (reason !== undefined) notes.push(w.reason(reason));
      rows.push(
        tableRow([
          item[ctx.locale],
          entry.done ? '✓' : '✗',
          entry.by === undefined ? '—' : ctx.name(entry.by),
          entry.at === undefined ? '—' : ctx.time(entry.at),
          notes.length === 0 ? '—' : notes.join('; '),
        ]),
      );
    }
    blocks.push(`### ${w.phase[phase]}`, rows.join('\n'));
  }
  return blocks;
}

function runs(events: readonly TimelineEvent[], ctx: Context): string {
  const rows: string[] = [];
  for (const event of events) {
    if (event.type !== 'job_finished') continue;
    rows.push(
      tableRow([
        ctx.time(event.at),
        event.commandId,
        ctx.title(event.commandId) ?? '—',
        event.host,
        ctx.w.outcome[event.outcome],
        event.exitCode === null ? '—' : String(event.exitCode),
        runDuration(event.durationMs, ctx),
        event.outputDigest || '—',
      ]),
    );
  }
  return rows.length === 0 ? ctx.w.none : [tableHeader(ctx.w.runColumns), ...rows].join('\n');
}

function attachments(events: readonly TimelineEvent[], ctx: Context): string {
  const rows: string[] = [];
  for (const event of events) {
    if (event.type === 'job_finished') {
      for (const file of event.files) {
        rows.push(tableRow([ctx.time(event.at), file.name, file.sha256, byteSize(file.bytes), `${event.commandId}${ctx.w.paren(event.jobId)}`]));
      }
    } else if (event.type === 'report_written') {
      rows.push(tableRow([ctx.time(event.at), event.file, event.sha256, '—', ctx.w.reportFile]));
    }
  }
  return rows.length === 0 ? ctx.w.none : [tableHeader(ctx.w.attachmentColumns), ...rows].join('\n');
}

function updates(events: readonly TimelineEvent[], ctx: Context): string[] {
  const blocks: string[] = [];
  for (const event of events) {
    if (event.type !== 'update_posted') continue;
    const body = nonEmpty(event.text) === undefined ? ctx.w.notProvided : escapeBlock(event.text);
    blocks.push(`### ${escapeInline(ctx.time(event.at))}`, `*${escapeInline(ctx.w.updateBy(ctx.name(event.by)))}*`, body);
  }
  return blocks.length === 0 ? [ctx.w.none] : blocks;
}

function timeline(events: readonly TimelineEvent[], ctx: Context): string {
  if (events.length === 0) return ctx.w.none;
  const rows = new Array<string>(events.length + 1);
  rows[0] = tableHeader(ctx.w.timelineColumns);
  events.forEach((event, i) => {
    rows[i + 1] = tableRow([ctx.time(event.at), ctx.name(event.by), describe(event, ctx)]);
  });
  return rows.join('\n');
}

// One event in human words (plain text: the table row escapes it).
function describe(event: TimelineEvent, ctx: Context): string {
  const { w } = ctx;
  const ja = ctx.locale === 'ja';
  const command = (id: string): string => {
    const title = ctx.title(id);
    return title === undefined ? id : `${id}${w.paren(title)}`;
  };
  switch (event.type) {
    case 'declared':
      return ja
        ? `インシデント宣言「${event.title}」、重要度 ${w.severity[event.severity]}、検知時刻 ${ctx.time(event.detectedAt)}`
        : `Incident declared: “${event.title}”, severity ${w.severity[event.severity]}, detected ${ctx.time(event.detectedAt)}`;
    case 'acknowledged':
      return ja ? '対応開始（初動）' : 'Response started (acknowledged)';
    case 'severity_changed':
      return `${ja ? '重要度を変更' : 'Severity changed'}: ${w.severity[event.from]} → ${w.severity[event.to]}`;
    case 'role_assigned':
      return ja ? `${ctx.name(event.user)} を${w.role[event.role]}に任命` : `${ctx.name(event.user)} assigned as ${w.role[event.role]}`;
    case 'checklist_ticked':
    case 'checklist_unticked': {
      const item = CHECKLIST_ITEMS.find((candidate) => candidate.id === event.item);
      const label = item === undefined ? event.item : item[ctx.locale];
      const how = event.type === 'checklist_ticked' && event.auto ? w.paren(w.autoShort) : '';
      const reason = nonEmpty(event.reason);
      const why = reason === undefined ? '' : w.paren(w.reason(reason));
      const verb = event.type === 'checklist_ticked' ? (ja ? 'チェック ✓' : 'Checked ✓') : ja ? 'チェック解除 ✗' : 'Unchecked ✗';
      return `${verb} ${label}${how}${why}`;
    }
    case 'job_queued': {
      const params = Object.entries(event.params).map(([key, value]) => `${key}=${value}`).join(' ');
      const suffix = params === '' ? '' : w.paren(params);
      return `${ja ? 'ジョブ登録' : 'Job queued'} ${event.jobId}: ${command(event.commandId)} @ ${event.host}${suffix}`;
    }
    case 'job_started':
      return `${ja ? 'ジョブ開始' : 'Job started'} ${event.jobId}: ${command(event.commandId)} @ ${event.host}`;
    case 'job_finished': {
      const exit = event.exitCode === null ? '—' : String(event.exitCode);
      return ja
        ? `ジョブ終了 ${event.jobId}: ${command(event.commandId)} @ ${event.host} — ${w.outcome[event.outcome]}、終了コード ${exit}、${runDuration(event.durationMs, ctx)}`
        : `Job finished ${event.jobId}: ${command(event.commandId)} @ ${event.host} — ${w.outcome[event.outcome]}, exit ${exit}, ${runDuration(event.durationMs, ctx)}`;
    }
    case 'approval':
      return `${w.decision[event.decision]}: ${command(event.commandId)}${w.paren(event.jobId)}`;
    case 'update_posted':
      return `${ja ? '状況報告' : 'Status update'}: ${event.text}`;
    case 'note':
      return `${ja ? 'メモ' : 'Note'}: ${event.text}`;
    case 'pinned':
      return ja
        ? `📌 ${ctx.name(event.author)} の投稿（${ctx.time(event.pinnedAt)} にピン留め）: ${event.text}`
        : `📌 Message by ${ctx.name(event.author)} (pinned ${ctx.time(event.pinnedAt)}): ${event.text}`;
    case 'escalated':
      // Automatic escalations store the ladder rule's code; a person's escalation stores their words.
      return `${ja ? 'エスカレーション' : 'Escalated to'} ${w.level[event.level]}: ${w.escalationReason[event.reason] ?? event.reason}`;
    case 'clock':
      return event.kind === 'reminder'
        ? ja
          ? `${w.clock[event.clock]}期限の事前通知（期限 ${ctx.time(event.dueAt)}）`
          : `Reminder: ${w.clock[event.clock]} deadline at ${ctx.time(event.dueAt)}`
        : ja
          ? `${w.clock[event.clock]}期限超過（期限 ${ctx.time(event.dueAt)}）`
          : `Breach: ${w.clock[event.clock]} deadline ${ctx.time(event.dueAt)} passed`;
    case 'resolved':
      return ja ? '復旧を記録' : 'Resolved (service recovered)';
    case 'closed':
      return ja ? 'インシデント完了' : 'Incident closed';
    case 'alert_attached':
      return ja
        ? `アラート紐付け ${event.alertId}「${event.title}」（${event.source}）`
        : `Alert attached ${event.alertId}: “${event.title}” (${event.source})`;
    case 'report_written':
      return `${ja ? '報告書を保存' : 'Report written'}: ${event.file}${w.paren(`sha256 ${event.sha256}`)}`;
  }
}

function duration(ms: number, ctx: Context): string {
  const text = formatDuration(ms);
  if (ctx.locale === 'en') return text;
  return text.replace(/ d /, '日').replace(/ h(?: |$)/, '時間').replace(/ min$/, '分').replace(/ s$/, '秒');
}

// Jobs take seconds to minutes, where the SLA's whole minutes would say nothing.
function runDuration(ms: number, ctx: Context): string {
  const ja = ctx.locale === 'ja';
  if (ms < 60_000) return ja ? `${(ms / 1000).toFixed(1)}秒` : `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 3_600_000) return duration(ms, ctx);
  const minutes = Math.floor(ms / 60_000);
  const seconds = pad2(Math.floor((ms % 60_000) / 1000));
  return ja ? `${minutes}分${seconds}秒` : `${minutes} min ${seconds} s`;
}

function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function inTimeOrder(events: readonly TimelineEvent[]): readonly TimelineEvent[] {
  for (let i = 1; i < events.length; i++) {
    // Array#sort is stable, so events at the same instant keep their recorded order.
    if ((events[i]?.at ?? 0) < (events[i - 1]?.at ?? 0)) return [...events].sort((a, b) => a.at - b.at);
  }
  return events;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

function memoize(fn: (key: string) => string): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
