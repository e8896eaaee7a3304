// @ts-check
// The console's own words (its chrome, not what the bot posts), in klaxon's language: the server marks
// index.html with `<html lang>` from KLAXON_LOCALE, Japanese unless it says English.

const en = {
  workspaceSub: 'local Slack emulator',
  home: '🏠 klaxon · Home',
  homeLabel: 'klaxon Home',
  channels: 'Channels',
  actingAs: 'Acting as',
  composer: 'Message, or /incident declare critical …',
  send: 'Send',
  thread: 'Thread',
  closeThread: 'Close thread',
  replyInput: 'Reply…',
  reply: 'Reply',
  onlyYou: 'Only visible to you',
  /** @param {number} n */
  replies: (n) => `${n} ${n === 1 ? 'reply' : 'replies'}`,
  pin: 'React with 📌 (adds it to the incident timeline)',
  moreActions: 'More actions',
  replyInThread: 'Reply in thread',
  /** @param {number} n */
  members: (n) => `${n} members`,
  archived: ' (archived)',
  areYouSure: 'Are you sure?',
  cancel: 'Cancel',
  yes: 'Yes',
  close: 'Close',
  modal: 'Modal',
  button: 'Button',
  optional: ' (optional)',
  selectOption: 'Select an option',
  selectPerson: 'Select a person',
  /** @param {number} status @param {string} body */
  botAnswered: (status, body) => `The bot answered HTTP ${status} ${body}`,
  /** @param {string} command */
  sent: (command) => `Sent ${command}…`,
  needsToken: 'Open the URL klaxon sandbox printed: this page needs its token.',
  /** @type {Readonly<Record<string, string>>} */
  roles: { U0L1OPS: 'Level 1 (operations) · ops', U0L2SYS: 'Level 2 (system administrators) · sysadmin', U0L3DEV: 'Level 3 (development team) · developer', U0STAKE: 'Stakeholder' },
  /** The `/incident` subcommands the composer hints at, with what each does. */
  subcommands: [
    ['declare <severity> <title>', 'Declare an incident (critical|high|medium|low); alone opens a form'],
    ['update <text>', 'Post a status update to the channel and stakeholders'],
    ['severity <level>', 'Change the severity; clocks are recomputed'],
    ['assign <role> @user', 'Assign commander, comms, scribe or responder'],
    ['note <text>', 'Add a note to the timeline'],
    ['run <command-id> [k=v…]', 'Queue a diagnostic or remediation on the host'],
    ['status', 'Show the incident status and clocks'],
    ['resolve', 'Record recovery and offer the verification suite'],
    ['close', 'Close with root cause and prevention; writes the report'],
    ['list', 'List open incidents'],
    ['help', 'Show all commands'],
  ],
};

/** @type {typeof en} */
const ja = {
  workspaceSub: 'ローカルの Slack エミュレーター',
  home: '🏠 klaxon · ホーム',
  homeLabel: 'klaxon ホーム',
  channels: 'チャンネル',
  actingAs: '操作するユーザー',
  composer: 'メッセージ、または /incident declare critical …',
  send: '送信',
  thread: 'スレッド',
  closeThread: 'スレッドを閉じる',
  replyInput: '返信…',
  reply: '返信',
  onlyYou: 'あなただけに表示されています',
  replies: (n) => `${n}件の返信`,
  pin: '📌でリアクション（インシデントのタイムラインに追加）',
  moreActions: 'その他',
  replyInThread: 'スレッドで返信',
  members: (n) => `メンバー${n}人`,
  archived: '（アーカイブ済み）',
  areYouSure: 'よろしいですか？',
  cancel: 'キャンセル',
  yes: 'はい',
  close: '閉じる',
  modal: 'モーダル',
  button: 'ボタン',
  optional: '（任意）',
  selectOption: '選択してください',
  selectPerson: 'ユーザーを選択',
  botAnswered: (status, body) => `ボットの応答：HTTP ${status} ${body}`,
  sent: (command) => `${command}を送信しました…`,
  needsToken: 'klaxon sandbox が表示した URL を開いてください。このページにはそのトークンが必要です。',
  roles: { U0L1OPS: 'Level 1（運用担当者）· ops', U0L2SYS: 'Level 2（システム管理者）· sysadmin', U0L3DEV: 'Level 3（開発チーム）· developer', U0STAKE: '関係者' },
  subcommands: [
    ['declare <重要度> <件名>', 'インシデントを宣言します（critical|high|medium|low）。引数なしで入力フォームを開きます。'],
    ['update <本文>', '中間報告を対応チャンネルと関係者に投稿します。'],
    ['severity <重要度>', '重要度を変更し、対応時間目標を再計算します。'],
    ['assign <役割> @ユーザー', '対応責任者、連絡担当、記録担当、対応担当を指名します。'],
    ['note <本文>', 'タイムラインにメモを追加します。'],
    ['run <コマンドID> [k=v…]', '診断・復旧コマンドをホストで実行します。'],
    ['status', 'インシデントの状態と期限を表示します。'],
    ['resolve', '復旧を記録し、復旧後のシステム検証を提示します。'],
    ['close', '根本原因と再発防止策を入力してクローズし、報告書を作成します。'],
    ['list', '対応中のインシデントを一覧表示します。'],
    ['help', 'すべてのコマンドを表示します。'],
  ],
};

/** The words for the page's language (`<html lang>`). */
export const words = document.documentElement.lang === 'en' ? en : ja;

/** Puts the words into index.html's static chrome: `data-words` (text), `-placeholder` and `-label` (aria-label). */
export function wordPage() {
  const table = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (words));
  /** @param {string} key */
  const word = (key) => {
    const value = table[key];
    return typeof value === 'string' ? value : key;
  };
  for (const node of document.querySelectorAll('[data-words]')) node.textContent = word(node.getAttribute('data-words') ?? '');
  for (const node of document.querySelectorAll('[data-words-placeholder]')) node.setAttribute('placeholder', word(node.getAttribute('data-words-placeholder') ?? ''));
  for (const node of document.querySelectorAll('[data-words-label]')) node.setAttribute('aria-label', word(node.getAttribute('data-words-label') ?? ''));
}
