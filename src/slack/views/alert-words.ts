// What klaxon says about alerts: timeline notes (plain) and the few Slack posts a storm may cause (mrkdwn).
import type { Instant } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { inlineCode, inlineMrkdwn } from '../mrkdwn.js';
import { teamTime } from './team-time.js';
import type { IncomingAlert } from '../../alerts/incoming-alert.js';

export interface AlertWords {
  resolvedNote(alert: IncomingAlert): string;
  overflowNote(alert: IncomingAlert, limit: number): string;
  repeatPost(alert: IncomingAlert, quietMinutes: number): { text: string };
  overflowPost(alert: IncomingAlert, limit: number, quietMinutes: number): { text: string };
  resolvedPost(alert: IncomingAlert): { text: string };
}

export function alertWords(locale: Locale, timeZone: string): AlertWords {
  const when = (at: Instant) => teamTime(at, timeZone);
  const title = (alert: IncomingAlert) => `*${inlineMrkdwn(alert.title, 150)}* ${inlineCode(alert.origin, 120)}`;
  if (locale === 'ja') {
    return {
      resolvedNote: (a) => `アラート解消 ${when(a.at)}: ${a.title}（${a.origin}）。インシデントは解決されません（復旧確認は担当者が行う、§8）`,
      overflowNote: (a, limit) => `アラート ${a.title}（${a.origin}）をここに紐付け: アラートからの新規インシデントが1分間に${limit}件に達したため`,
      repeatPost: (a, m) => ({ text: `:repeat: アラート再発: ${title(a)}。今後${m}分間の再発はタイムラインにのみ記録します。` }),
      overflowPost: (a, limit, m) => ({
        text: `:rotating_light: アラートをこのインシデントに紐付けました: ${title(a)}（アラートからの新規インシデントが1分間に${limit}件に達しました）。今後${m}分間の再発はタイムラインにのみ記録します。`,
      }),
      resolvedPost: (a) => ({ text: `:white_check_mark: アラート解消 ${when(a.at)}: ${title(a)}。復旧を確認してから \`/incident resolve\` を実行してください（§8）。` }),
    };
  }
  return {
    resolvedNote: (a) => `Alert resolved at ${when(a.at)}: ${a.title} (${a.origin}). The incident stays open until a person confirms recovery (§8)`,
    overflowNote: (a, limit) => `Alert ${a.title} (${a.origin}) attached here: alerts opened ${limit} incidents in the last minute`,
    repeatPost: (a, m) => ({ text: `:repeat: Alert firing again: ${title(a)}. Repeats in the next ${m} minutes go to the timeline only.` }),
    overflowPost: (a, limit, m) => ({
      text: `:rotating_light: Alert attached to this incident: ${title(a)} (alerts opened ${limit} incidents in the last minute). Repeats in the next ${m} minutes go to the timeline only.`,
    }),
    resolvedPost: (a) => ({ text: `:white_check_mark: Alert resolved at ${when(a.at)}: ${title(a)}. Confirm recovery, then \`/incident resolve\` (§8).` }),
  };
}
