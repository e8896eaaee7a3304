// Japanese strings (KLAXON_LOCALE=ja, the default), in the runbook's own vocabulary: one word per thing
// (クローズ, 中間報告, 記録担当, 対応責任者), full-width punctuation, no spaces before particles, `、` between items.
import type { NotAllowed } from '../../domain/authority.js';
import type { ParamProblem, Refusal } from '../../domain/command-resolution.js';
import { hostCode, refText } from '../mrkdwn.js';
import { formatDurationJa } from '../../domain/time.js';
import type { Messages } from './messages.js';

// Who a refused action needed, in words.
const NEEDS_JA: Readonly<Record<NotAllowed['needs'], string>> = {
  commander_or_responder: '対応責任者または対応担当',
  responder: '対応担当',
  mutating: 'システム変更の権限を持つ担当者',
  destructive: '破壊的操作の権限を持つ担当者',
  approver: '承認者',
};

// Why a parameter value was refused.
function paramJa(p: ParamProblem): string {
  switch (p.kind) {
    case 'not_one_of':
      return `次のいずれかを指定してください：${p.values.join('、')}`;
    case 'not_whole_number':
      return '整数で指定してください';
    case 'out_of_range':
      return `${p.min}〜${p.max}の範囲で指定してください`;
    case 'empty':
      return '空にはできません';
    case 'too_long':
      return `${p.max}文字以内で指定してください`;
    case 'control_characters':
      return '制御文字は使えません';
    case 'leading_dash':
      return '「-」で始めることはできません';
    case 'no_match':
      return `形式が正しくありません（\`${p.pattern}\`）`;
  }
}

// Why the catalogue refused a run request.
function refusalJa(r: Refusal): string {
  switch (r.code) {
    case 'unknown_command':
      return `\`${r.commandId}\` というコマンドはカタログにありません。`;
    case 'bad_param':
      return `パラメータ \`${r.param}\`：${paramJa(r.why)}。`;
    case 'missing_param':
      return `パラメータ \`${r.param}\` を指定してください。`;
    case 'unexpected_param':
      return `パラメータ \`${r.param}\` はこのコマンドにはありません。`;
    case 'severity_too_low':
      return `\`${r.commandId}\` は重要度「${ja.severity[r.required]}」以上のインシデントでのみ実行できます（現在は「${ja.severity[r.actual]}」）。`;
  }
}

export const ja: Messages = {
  duration: formatDurationJa,
  topic: (severity, status) => `${severity}・${status}｜`,
  listSeparator: '、',
  severity: { critical: '緊急', high: '高', medium: '中', low: '低' },
  status: { declared: '宣言済み', acknowledged: '対応中', resolved: '復旧済み', closed: 'クローズ' },
  phase: { initial: '初期対応', response: '対応実施', post: '事後対応' },
  clock: { response: '初期対応時間', recovery: '復旧目標時間' },
  outcome: { succeeded: '成功', failed: '失敗', timed_out: 'タイムアウト', canceled: '中止' },
  risk: { 'read-only': '参照のみ', mutating: 'システム変更あり', destructive: '破壊的操作' },
  role: { commander: '対応責任者', comms: '連絡担当', scribe: '記録担当', responder: '対応担当' },
  reportField: {
    summary: '問題概要',
    detectionMethod: '検知方法',
    impact: '影響範囲',
    actions: '対応内容',
    workaround: '暫定対応',
    permanentFix: '恒久対応',
    improvementPlan: '改善計画',
    rootCause: '根本原因',
    prevention: '再発防止策',
    followUp: '今後の対応計画',
  },
  escalationLevel: { 1: 'Level 1（運用担当者）', 2: 'Level 2（システム管理者）', 3: 'Level 3（開発チーム）' },
  header: {
    severity: '重要度',
    status: '状態',
    commander: '対応責任者',
    host: 'ホスト',
    declared: '宣言時刻',
    nobody: '未割り当て',
    anyHost: '既定',
    dueLabel: { response: '初期対応期限', recovery: '復旧期限' },
    due: (label, when) => `*${label}*\u3000${when}`,
    remaining: (d) => `残り${d}`,
    overdue: (d) => `期限を${d}超過`,
    running: '計測中',
    breached: '期限超過',
    met: (d) => `期限の${d}前に達成`,
    missed: (d) => `未達（${d}超過）`,
    acknowledge: '初期対応を開始',
    postUpdate: '中間報告を投稿',
    resolve: '復旧を記録',
    resolveConfirmTitle: '復旧を記録しますか？',
    resolveConfirmText: '復旧目標時間の計測を止め、関係者に復旧を通知し、復旧後のシステム検証を提示します。',
    resolveConfirmYes: '復旧を記録',
    resolveConfirmNo: 'キャンセル',
    takeLead: '対応責任者になる',
    assignCommander: '対応責任者を指名…',
    close: 'クローズする',
    changeSeverityTo: (s) => `重要度を「${s}」に変更`,
    fallback: (id, title, severity, status) => `${id}：${title}（${severity}・${status}）`,
  },
  checklist: {
    title: 'インシデント対応チェックリスト',
    progress: (done, total) => `${done}/${total}件完了`,
    tick: '完了にする',
    untick: '取り消す',
    doneBy: (who, when) => `${who}（${when}）`,
    auto: '自動',
    reason: (text) => `理由：${text}`,
    fallback: (id, done, total) => `${id}のチェックリスト：${done}/${total}件完了`,
  },
  playbook: {
    offerTitle: (s) => `重要度「${s}」の対応手順`,
    offerHint: '症状に合うシナリオを選ぶと、手順と実行ボタンが表示されます。',
    placeholder: 'シナリオを選択',
    none: 'この重要度に合う手順はありません。手順書に従って `/incident run` を使ってください。',
    symptoms: '症状',
    within: (m) => `${m}分以内`,
    by: (when) => `（${when}まで）`,
    manual: '手動手順',
    run: '実行',
    runNeedsRole: '実行（権限が必要）',
    runNeedsApproval: '承認を依頼',
    unknownCommand: (id) => `不明なコマンド：${id}`,
    minSeverity: (s) => `重要度「${s}」以上のみ`,
    confirmTitle: 'このコマンドを実行しますか？',
    confirmText: (title, risk) => `${title}（${risk}）をホストで実行します。`,
    confirmYes: '実行する',
    confirmNo: 'キャンセル',
    confirmApprovalTitle: '承認を依頼しますか？',
    confirmApprovalText: (title, risk) => `${title}（${risk}）の実行を承認者に依頼します。別の担当者が承認するまで実行されません。`,
    confirmApprovalYes: '承認を依頼',
    moreSteps: (n) => `ほか${n}件の手順は省略しました。手順書を参照してください。`,
    fallback: (title) => `対応手順：${title}`,
  },
  home: {
    title: 'klaxon インシデント',
    declare: 'インシデントを宣言',
    mine: 'あなたの担当（責任者・対応者・呼び出し対象）',
    open: (count) => `対応中のインシデント（${count}件）`,
    closed: '最近クローズしたもの',
    none: 'なし',
    lead: (who) => `責任者 ${who}`,
    report: (file) => `報告書 ${file}（チャンネル内）`,
    updated: (when) => `更新 ${when}`,
  },
  announcement: {
    title: (id) => `インシデント ${id}`,
    channel: '対応チャンネル',
    declaredAt: '宣言時刻',
    latestUpdate: '最新の中間報告',
    noUpdate: 'まだ中間報告はありません。',
    updateBy: (who, when) => `${who}・${when}`,
    fallback: (id, title, severity, status) => `インシデント ${id}：${title}（${severity}・${status}）`,
    privateOpen: (severity, lead) => `非公開の${severity}インシデントが発生しています。対応責任者：${lead}`,
    lead: '対応責任者',
    nobody: '未定',
  },
  change: {
    severity: (who, from, to) => `${who}が重要度を「${from}」から「${to}」に変更しました。対応時間の目標を再計算しました。`,
    resolved: (who) => `${who}が復旧を記録しました。続いて復旧後のシステム検証を行います。`,
    closed: (who) => `${who}がインシデントをクローズしました。報告書を作成します。`,
    reopened: (who, reason) => `${who}がインシデントを再開しました（理由：${reason}）。`,
    reopenedPrivate: (who) => `${who}がインシデントを再開しました。`,
  },
  statusUpdate: {
    title: (id) => `中間報告：${id}`,
    by: (who) => `報告者：${who}`,
    fallback: (id, text) => `${id}の中間報告：${text}`,
  },
  run: {
    queued: '待機中',
    started: '実行中',
    running: '進捗',
    on: (host) => `ホスト：${host}`,
    exitCode: '終了コード',
    signal: 'シグナル',
    duration: '所要時間',
    outputHead: '出力（先頭）',
    outputTail: '出力（末尾）',
    omitted: (n) => `…${n}文字省略…`,
    noOutput: '出力はありません。',
    truncatedAtSource: (bytes) => `ホスト側で出力を制限しました（${bytes}バイトは保存されていません）。`,
    filesAttached: (n) => `全出力を添付しました（${n}ファイル）。`,
    digest: '出力ダイジェスト',
    unknownTitle: '結果不明',
    unknownBody:
      'このコマンドの実行中にワーカーが停止しました。コマンドとそれが起動したすべてのプロセスも停止しました（SIGTERM の後 SIGKILL）。途中で中断された可能性があり、完了したかどうか不明です。自動では再実行しません。ホストの状態を確認してから再実行してください。',
    fallback: (title, state) => `${title}：${state}`,
  },
  approval: {
    requestTitle: '承認依頼',
    requestBody: (who, title) => `${who}が*${title}*の実行を依頼しています。`,
    params: 'パラメータ',
    noParams: 'なし',
    expires: (when) => `有効期限：${when}`,
    approve: '承認',
    deny: '却下',
    selfNote: '依頼者本人は承認できません。別の担当者が承認してください。',
    decided: {
      approved: (who) => `${who}が承認しました`,
      denied: (who) => `${who}が却下しました`,
      expired: () => '期限切れ（判断なし）',
    },
    fallback: (title, state) => `${title}の承認：${state}`,
  },
  alarm: {
    reminder: (clock, d, due) => `:alarm_clock: ${clock}の期限まで残り${d}です（期限：${due}）。`,
    breach: (clock, d, due) => `:rotating_light: ${clock}を${d}超過しました（期限：${due}）。`,
    interim: (since) => `:memo: 中間報告の時間です。前回の報告から${since}経過しました。\`/incident update\` で報告してください。`,
    escalation: (level) => `:arrow_double_up: ${level}にエスカレーションしました。`,
    notify: (who) => `呼び出し：${who}`,
    nobodyToNotify: 'このレベルの担当者が設定されていません。電話で連絡してください。',
    reason: (text) => `理由：${text}`,
  },
  modal: {
    submit: '送信',
    cancel: 'キャンセル',
    dismiss: '閉じる',
    declareTitle: 'インシデント宣言',
    declareSubmit: '宣言する',
    titleLabel: '件名',
    titlePlaceholder: '何が起きているかを短く',
    severityLabel: '重要度',
    detectedAtLabel: '検知時刻（任意）',
    detectedAtHint: 'たった今検知した場合は空欄のままにしてください。',
    descriptionLabel: '詳細（任意）',
    privateLabel: '非公開 (セキュリティ)',
    privateOption: '対応者だけが見られます。関係者には件名なしで発生のみ通知します。',
    closeTitle: 'インシデントのクローズ',
    closeSubmit: 'クローズする',
    closeIntro: (id, form) => `${id}の報告書を${form}で作成します。`,
    fullForm: '完全版（緊急・高）',
    shortForm: '簡易版（中・低）',
    missingHint: '報告書に必要です。',
    unverifiedLabel: 'システム検証を実施せずにクローズする理由',
    unverifiedHint: '復旧後のシステム検証が完了していません。理由は報告書の未完了項目に記載されます。',
    updateTitle: '中間報告',
    updateSubmit: '投稿する',
    updateLabel: '報告内容',
    updateHint: '対応チャンネルと関係者チャンネルに投稿されます。',
    severityTitle: '重要度の変更',
    severityLabel2: '新しい重要度',
    severityReason: '理由（任意）',
    severityCurrent: (s) => `現在の重要度：${s}。対応時間目標は再計算されます。`,
  },
  help: {
    title: 'klaxon：/incident コマンド一覧',
    usage: {
      declare: '/incident declare <重要度> <件名>',
      update: '/incident update <本文>',
      severity: '/incident severity <重要度>',
      assign: '/incident assign <役割> @ユーザー',
      note: '/incident note <本文>',
      run: '/incident run <コマンドID> [k=v …] [host=ホスト名]',
      status: '/incident status',
      list: '/incident list',
      maintenance: '/incident maintenance',
      resolve: '/incident resolve',
      close: '/incident close',
      followup: '/incident followup <対応内容> [@担当] [年-月-日 | +日数d]',
      help: '/incident help',
    },
    lines: {
      declare: 'チェックリストと対応時間目標付きの対応チャンネルを開きます（引数なしの場合はフォームを開きます）。',
      update: 'このチャンネルと関係者に中間報告を投稿します。',
      severity: '重要度を変更し、対応時間目標を再計算します。',
      assign: '役割を割り当てます：`commander`（対応責任者）、`comms`（連絡担当）、`scribe`（記録担当）、`responder`（対応担当）。',
      note: 'タイムラインにメモを追加します。',
      run: 'バックテストホストでカタログのコマンドを実行します。',
      status: '重要度・対応時間・チェックリスト・ワーカーの状態を表示します。',
      list: '対応中のインシデントを一覧表示します。',
      maintenance: '定期メンテナンス (§10.1) とゴールデンラン: 次回・前回の実行と「今すぐ実行」。',
      resolve: '復旧時刻を記録し、システム検証を提案します。',
      close: '報告書を作成してクローズします。',
      followup: 'フォローアップ（担当・期限付き）を登録します。期限の朝に担当者へ通知し、完了ボタンで状態を変えられます。',
      help: 'このヘルプを表示します。',
    },
    severities: '重要度：`critical`、`high`、`medium`、`low`（`sev1`〜`sev4`、`p1`〜`p4`、緊急・高・中・低も使えます）。',
    pin: ':pushpin: のリアクションで、メッセージをタイムラインに追加できます。',
  },
  errors: {
    reason: {
      unknown_subcommand: (input) => `「${input}」というサブコマンドはありません。`,
      missing_argument: () => '引数が足りません。',
      bad_severity: (input) => `「${input}」は重要度ではありません。`,
      bad_role: (input) => `「${input}」は役割ではありません。`,
      bad_user: (input) => `「${input}」はユーザーのメンション（@名前）ではありません。`,
      unknown_user: (input) => `「${input}」という名前のメンバーは見つかりません。@ の候補から選んでください。`,
      ambiguous_user: (input) => `「${input}」という名前のメンバーが複数います。@ の候補から選んでください。`,
      bad_param: (input) => `「${input}」は「キー=値」の形式ではありません。`,
      too_long: () => '文字数が多すぎます。',
    },
    valid: (words) => `使用できる値：${words}`,
    usageLine: (usage) => `使い方：${usage}`,
    notIncidentChannel: 'このコマンドはインシデント対応チャンネルでのみ使えます。',
  },
  list: {
    title: (n) => `対応中のインシデント（${n}件）`,
    empty: '対応中のインシデントはありません。',
    line: (id, severity, status, age) => `${id}・${severity}・${status}・${age}経過`,
    more: (n) => `ほか${n}件`,
  },
  reportSummary: {
    title: (id) => `インシデント ${id} の障害報告書`,
    timeToResponse: '初期対応までの時間',
    timeToRecovery: '復旧までの時間',
    against: (actual, target) => `${actual}（目標：${target}）`,
    notReached: '記録なし',
    report: (file) => `報告書：${file}`,
    inChannel: (channel) => `${channel}にアップロードしました`,
    fallback: (id, title) => `インシデント ${id} をクローズしました：${title}`,
  },
  problems: {
    usage: () => '入力内容を確認してください（件名や本文が空でないか、長すぎないか）。',
    closed: () => 'このインシデントはクローズ済みです。',
    not_a_person: () => 'この操作は担当者本人が行ってください。',
    no_change: () => '変更はありません。',
    already_acknowledged: () => 'すでに初期対応が記録されています。',
    not_acknowledged: () => '初期対応がまだ記録されていません。',
    already_resolved: () => 'すでに復旧済みです。',
    not_resolved: () => '先に /incident resolve で復旧を記録してください。',
    not_allowed: (p) =>
      p.groupsUnknown
        ? `\`${p.command}\` は${NEEDS_JA[p.needs]}のみ実行できますが、Slack からユーザーグループを取得できていないため、権限を確認できませんでした。1 分ほど待ってからもう一度お試しください。`
        : `\`${p.command}\` は${NEEDS_JA[p.needs]}のみ実行できます。${p.ask.length === 0 ? '' : `依頼先：${p.ask.map(refText).join('、')}`}`,
    verification_required: () => 'システム検証が完了していません。検証を実施するか、検証せずにクローズする理由を入力してください。',
    unknown_followup: () => 'このインシデントに該当するフォローアップはありません。',
    not_open: () => 'このインシデントは対応中ではありません。',
    missing_fields: (p) => (p.fields ? `報告書の必須項目が未入力です（${p.fields.map((f) => ja.reportField[f]).join('、')}）。` : '報告書の必須項目が未入力です。'),
    reason_required: () => '理由を入力してください。',
    not_higher: () => 'エスカレーションは現在より上のレベルにのみ行えます。',
    clock_stopped: () => 'この対応時間はすでに止まっています。',
    refused: (p) => `実行できません。${refusalJa(p.refusal)}`,
    no_such_request: () => '承認待ちの依頼が見つかりません。',
    expired: () => '承認期限が切れています。もう一度実行を依頼してください。',
    self_approval: () => '自分の依頼は承認できません。別の担当者が承認してください。',
    already_decided: () => 'この依頼はすでに承認または却下されています。',
    duplicate: () => '同じコマンドを先ほど実行依頼しました。結果はその実行のスレッドに表示されます。',
    unknown_host: (p) =>
      `${hostCode(p.host)}を担当したワーカーはこれまでにありません。ホスト名を確認してください。${p.known.length === 0 ? 'まだどのワーカーも接続していません。' : `ワーカーのあるホスト：${p.known.slice(0, 20).map(hostCode).join('、')}`}`,
    not_found: () => 'インシデントが見つかりません。',
    not_incident_channel: () => ja.errors.notIncidentChannel,
    unexpected: () => '予期しないエラーが発生しました。もう一度お試しください。',
    not_saved: () => '保存されませんでした。データベースが時間内に応答しなかったため、何も記録されていません。もう一度お試しください。',
  },
  fieldErrors: {
    chooseSeverity: '重要度を選んでください',
    giveTitle: '件名を入力してください',
    future: '未来の時刻です',
    timeFormat: '「2026-03-10 09:40」か「09:40」の形で入力してください',
    writeUpdate: '本文を入力してください',
    required: '必須項目です',
  },
  done: {
    draftKept: '入力された文が宣言フォームの説明欄（3000文字）に収まりません。全文を以下に残します。宣言後に `/incident note` で追加してください。',
    declared: (id) => `${id} を宣言しました。インシデントチャンネルを作成しています…`,
    declaredCutShort: (id) =>
      `${id} を宣言しました。ただし設定の途中でデータベースとの接続が切れました。入力内容はインシデントとともに保存されています。データベースが応答を再開してから約1分以内にチャンネルが作成されます。再度宣言しないでください。`,
    updatePosted: '中間報告を投稿しました。',
    noteAdded: 'メモをタイムラインに追加しました。',
    savedForFold: '保存しました。まもなくタイムラインに反映されます。',
    severityChanged: '重要度を変更しました。対応時間の期限を再計算しました。',
    roleAssigned: '役割を割り当てました。',
    recoveryRecorded: '復旧を記録しました。復旧後のシステム検証を実行してください。',
  },
  replies: {
    runQueued: (title, host) => `${title}を${host}で実行待ちにしました。結果はスレッドに表示されます。`,
    approvalPending: (title) => `${title}には別の担当者の承認が必要です。チャンネルに承認依頼を投稿しました。`,
    noWorkerNow: (host) => `${host}に接続中のワーカーは現在ありません。ワーカーが接続するまで実行を待ちます。`,
    runCutShort: (title, host) =>
      `${title}を${host}で実行待ちとして記録しましたが、ホストへ渡す途中でデータベースとの接続が切れました。データベースが応答を再開してから約1分以内にホストへ渡されます。再度実行を依頼しないでください。`,
    suiteNotRecorded: (titles) => `次の実行はデータベースとの接続が切れたため記録されていません：${titles}。データベースが応答を再開してから、それぞれの「実行」ボタンで依頼してください。`,
    approvalCutShort: (title, host) =>
      `${host}での${title}の依頼を記録し、承認待ちにしました。ただし記録の途中でデータベースとの接続が切れました。データベースが応答を再開してから約1分以内に承認者に表示されます。再度依頼しないでください。`,
    suiteCutShort: (count) =>
      `「すべて実行」の${count}件の実行を記録しましたが、ホストへ渡す途中でデータベースとの接続が切れました。データベースが応答を再開してから約1分以内にホストへ渡されます。「すべて実行」を再度押さないでください。`,
    declared: (id, channel) => `${id}を宣言しました：${channel}`,
    refused: '拒否',
    verificationTitle: '復旧後のシステム検証（§8）',
    noVerification: '検証手順が設定されていません。手順書 §8 に従って手動で検証してください。',
    runAll: 'すべて実行',
    verificationPassed: ':white_check_mark: 復旧後のシステム検証に合格しました（§8.1 のすべての確認が成功）。',
    verificationFailed: (commands) => `:x: 復旧後のシステム検証に失敗しました（${commands}）。成功するまで「システム検証実施」は未完了のままです。`,
  },
  setup: {
    inviteRefusal: (e) =>
      ({
        cant_invite: '無効化されたアカウント',
        user_is_restricted: 'ゲストアカウント',
        user_is_ultra_restricted: 'シングルチャンネルゲスト',
        ura_max_channels: '別のチャンネルに参加済みのシングルチャンネルゲスト',
        no_permission: 'klaxon に招待の権限がありません',
        org_user_not_in_team: 'このワークスペースのメンバーではありません',
        cant_invite_app_user: 'アプリ',
      })[e] ?? 'Slack が拒否しました',
    notInvited: (people) => `:warning: 次の人をこのチャンネルに追加できませんでした。必要なら手動で招待してください：${people}`,
    noChannel: (id, e, fix) => `:warning: Slack が ${id} のチャンネル作成を拒否しました（\`${e}\`）。${fix} それまで ${id} はこのチャンネルで進めます（ヘッダーとチェックリストをここに投稿します）。`,
    privateNoChannel: (id, e, fix) => `:warning: Slack が ${id} の非公開チャンネル作成を拒否しました（\`${e}\`）。${fix} 非公開インシデントは共有チャンネルでは進めません。チャンネルを作成できるようになってから再度宣言してください。`,
    cannotJoin: (id, e) => `:warning: Slack は ${id} のチャンネル作成も、klaxon のこのチャンネルへの参加も拒否しました（\`${e}\`）。${id} は記録済みですが、klaxon はここに投稿できません。このチャンネルに klaxon を招待する（\`/invite @klaxon\`）か、公開チャンネルで宣言してください。`,
    channelFix: (e) =>
      e === 'restricted_action'
        ? 'このワークスペースではチャンネルを作成できるのは管理者だけです。管理者が「ワークスペースの設定 → 権限 → チャンネル管理」でメンバーに許可するか、klaxon を許可してください。'
        : 'アプリに `channels:manage` スコープがありません。`manifest.yml` から再インストールしてください（`docs/slack-setup.md`）。',
    notAnnounced: (channel, e) =>
      e === 'restricted_action'
        ? `:warning: ${channel} に関係者への告知を投稿できませんでした（\`${e}\`）。そのチャンネルに投稿できるのは管理者だけです。${channel} のチャンネル設定の「投稿権限」（Posting permissions）で klaxon に投稿を許可するか、STAKEHOLDER_CHANNEL を klaxon が投稿できるチャンネルにしてください。次のインシデントからそこに告知されます。`
        : `:warning: ${channel} に関係者への告知を投稿できませんでした（\`${e}\`）。klaxon がそのチャンネルのメンバーである必要があります。${channel} で \`/invite @klaxon\` を実行してください。次のインシデントからそこに告知されます。`,
    summaryNotPosted: (channel, e) => `:warning: 報告書の要約を ${channel} に投稿できませんでした（\`${e}\`）。klaxon はそこに投稿できません。報告書はこのチャンネルにあります。関係者には手動で共有してください。`,
    notArchived: (id, e) =>
      `:warning: ${id} はクローズ済みで報告書は上にありますが、Slack が klaxon によるこのチャンネルのアーカイブを拒否しました（\`${e}\`）。${
        e === 'restricted_action'
          ? 'このワークスペースではチャンネルをアーカイブできるのは管理者だけです。管理者がアーカイブするか、「ワークスペースの設定 → 権限 → チャンネル管理」でメンバーに許可してください。'
          : '不要になったら手動でアーカイブしてください。'
      }`,
  },
  summary: {
    title: (id) => `${id} の状況`,
    workers: 'ワーカー',
    noWorkers: 'ワーカーからの応答がありません。',
    online: 'オンライン',
    offline: 'オフライン',
    lastSeen: (ago) => `最終応答：${ago}前`,
    checklist: (done, total) => `チェックリスト：${done}/${total}件完了`,
  },
  alerts: {
    resolvedNote: (title, origin, when) => `アラート解消 ${when}: ${title}（${origin}）。インシデントは解決されません（復旧確認は担当者が行う、§8）`,
    overflowNote: (title, origin, limit) => `アラート ${title}（${origin}）をここに紐付け: アラートからの新規インシデントが1分間に${limit}件に達したため`,
    repeatPost: (alert, m) => `:repeat: アラート再発: ${alert}。今後${m}分間の再発はタイムラインにのみ記録します。`,
    overflowPost: (alert, limit, m) =>
      `:rotating_light: アラートをこのインシデントに紐付けました: ${alert}（アラートからの新規インシデントが1分間に${limit}件に達しました）。今後${m}分間の再発はタイムラインにのみ記録します。`,
    resolvedPost: (alert, when) => `:white_check_mark: アラート解消 ${when}: ${alert}。復旧を確認してから \`/incident resolve\` を実行してください（§8）。`,
  },
};
