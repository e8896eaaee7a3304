// The words of follow-ups (cards, reminders, the command's answers, the close form's field) and of the monthly
// response-metrics summary, in both languages.
import type { FollowUpParseError, FollowUpState } from '../../domain/follow-up-items.js';
import type { Locale } from '../../domain/locale.js';

export interface FollowUpWords {
  readonly state: Readonly<Record<FollowUpState, string>>;
  readonly card: (id: string, owner: string, due: string, state: string) => string;
  readonly fallback: (id: string, text: string) => string;
  readonly markDone: string;
  readonly reopen: string;
  readonly doneBy: (user: string) => string;
  readonly reminder: (owner: string, id: string, incident: string) => string;
  readonly recorded: (id: string, owner: string, due: string) => string;
  readonly saved: string;
  readonly parseError: (error: FollowUpParseError) => string;
  readonly usage: string;
  readonly closeField: string;
  readonly closeHint: string;
  readonly lineError: (line: number, why: string) => string;
  readonly summaryTitle: (month: string) => string;
  readonly summaryNone: string;
  readonly summaryLine: (severity: string, incidents: number, acknowledge: string, recover: string, close: string, met: string) => string;
  readonly summaryNote: string;
  readonly all: string;
}

const en: FollowUpWords = {
  state: { open: 'open', done: 'done' },
  card: (id, owner, due, state) => `*${id}* · owner ${owner} · due ${due} · ${state}`,
  fallback: (id, text) => `Follow-up ${id}: ${text}`,
  markDone: 'Mark done',
  reopen: 'Reopen',
  doneBy: (user) => `done by ${user}`,
  reminder: (owner, id, incident) => `:alarm_clock: ${owner}, follow-up *${id}* of ${incident} is due today.`,
  recorded: (id, owner, due) => `Follow-up ${id} recorded: owner ${owner}, due ${due}.`,
  saved: 'Follow-up saved; it appears in the channel in a moment.',
  parseError: (error) =>
    error.reason === 'bad_due'
      ? `“${error.input}” is not a due day: write YYYY-MM-DD (today or later) or +Nd.`
      : error.reason === 'too_long'
        ? `A follow-up is at most ${error.max} characters.`
        : 'Say what is to be done.',
  usage: 'Usage: /incident followup <what to do> [@owner] [YYYY-MM-DD | +Nd] (default: you, in 7 days)',
  closeField: 'Follow-ups (one per line)',
  closeHint: 'what to do, then optionally @owner and a due day (YYYY-MM-DD or +Nd); without them: you, in 7 days',
  lineError: (line, why) => `Line ${line}: ${why}`,
  summaryTitle: (month) => `Incident response in ${month}`,
  summaryNone: 'No incidents were declared.',
  summaryLine: (severity, incidents, acknowledge, recover, close, met) =>
    `*${severity}*: ${incidents} incident(s) · acknowledge ${acknowledge} · recover ${recover} · close ${close} · targets met ${met}`,
  summaryNote: 'Times are medians from the declaration; targets are runbook §1.2. `klaxon stats --month` prints the table.',
  all: 'All',
};

const ja: FollowUpWords = {
  state: { open: '未完了', done: '完了' },
  card: (id, owner, due, state) => `*${id}*・担当 ${owner}・期限 ${due}・${state}`,
  fallback: (id, text) => `フォローアップ ${id}：${text}`,
  markDone: '完了にする',
  reopen: '未完了に戻す',
  doneBy: (user) => `${user}が完了`,
  reminder: (owner, id, incident) => `:alarm_clock: ${owner} さん、${incident} のフォローアップ *${id}* の期限は本日です。`,
  recorded: (id, owner, due) => `フォローアップ ${id} を登録しました（担当：${owner}、期限：${due}）。`,
  saved: 'フォローアップを保存しました。まもなくチャンネルに表示されます。',
  parseError: (error) =>
    error.reason === 'bad_due'
      ? `「${error.input}」は期限として読めません。本日以降の年-月-日（例：2026-03-20）か +7d の形で書いてください。`
      : error.reason === 'too_long'
        ? `フォローアップは${error.max}文字までです。`
        : '対応内容を書いてください。',
  usage: '使い方：/incident followup 対応内容 [@担当] [年-月-日 または +日数d]（省略時：自分、7日後）',
  closeField: 'フォローアップ（1行に1件）',
  closeHint: '対応内容の後に、必要なら @担当 と期限（年-月-日 または +日数d）。省略時は自分、7日後',
  lineError: (line, why) => `${line}行目：${why}`,
  summaryTitle: (month) => `${month} のインシデント対応実績`,
  summaryNone: 'この月に宣言されたインシデントはありません。',
  summaryLine: (severity, incidents, acknowledge, recover, close, met) =>
    `*${severity}*：${incidents}件・初期対応 ${acknowledge}・復旧 ${recover}・クローズ ${close}・目標達成 ${met}`,
  summaryNote: '時間は宣言からの中央値、目標は手順書 §1.2 の値です。表は `klaxon stats --month` で表示できます。',
  all: '全体',
};

export const followUpWords = (locale: Locale): FollowUpWords => (locale === 'ja' ? ja : en);
