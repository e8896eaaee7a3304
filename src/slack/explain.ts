// The one place where an expected failure becomes words for the person who asked.
import type { DomainError } from '../domain/lifecycle.js';
import type { Locale } from '../domain/locale.js';
import type { RunRefusal } from '../app/request-run.js';
import type { NotFound } from '../app/ports.js';
import { messages } from './i18n/messages.js';
import type { UsageError } from './parse-command.js';
import { usageError } from './views/usage-error.js';
import { fallbackText, section } from './views/blocks.js';
import type { SlackMessage } from './views/view-types.js';

export type Problem = UsageError | DomainError | RunRefusal | NotFound | { readonly code: 'not_incident_channel' } | { readonly code: 'unexpected' };

const JA: Readonly<Record<string, string>> = {
  closed: 'このインシデントはクローズ済みです。',
  not_resolved: '先に /incident resolve で復旧を記録してください。',
  already_resolved: 'すでに復旧済みです。',
  already_acknowledged: 'すでに初期対応が記録されています。',
  missing_fields: '報告書の必須項目が未入力です。',
  no_change: '変更はありません。',
  not_found: 'インシデントが見つかりません。',
  forbidden: 'この操作を行う権限がありません。',
  self_approval: '自分の依頼は承認できません。別の担当者が承認してください。',
  expired: '承認期限が切れています。もう一度実行を依頼してください。',
  already_decided: 'この依頼はすでに承認または却下されています。',
  no_such_request: '承認待ちの依頼が見つかりません。',
  unexpected: '予期しないエラーが発生しました。もう一度お試しください。',
};

const EN: Readonly<Record<string, string>> = {
  not_resolved: 'Record the recovery with /incident resolve first.',
  not_found: 'That incident does not exist.',
  forbidden: 'Your role does not allow this.',
  self_approval: 'You cannot approve your own request: another person has to.',
  expired: 'The approval window has passed: ask to run it again.',
  already_decided: 'This request was already approved or denied.',
  no_such_request: 'There is no pending request with that id.',
  unexpected: 'Something went wrong on our side. Please try again.',
};

const plainMessage = (text: string): SlackMessage => ({ text: fallbackText(text), blocks: [section(text)] });

export function explain(problem: Problem, locale: Locale): SlackMessage {
  if (problem.code === 'usage' && 'reason' in problem) return usageError(problem, locale);
  if (problem.code === 'not_incident_channel') return plainMessage(messages(locale).errors.notIncidentChannel);
  if (problem.code === 'refused' && 'reason' in problem) {
    return plainMessage(locale === 'ja' ? `実行できません: ${problem.reason}` : `Cannot run that: ${problem.reason}`);
  }
  if (problem.code === 'forbidden' && 'risk' in problem) {
    const risk = messages(locale).risk[problem.risk as keyof ReturnType<typeof messages>['risk']] ?? problem.risk;
    return plainMessage(locale === 'ja' ? `${JA['forbidden']}（${risk}）` : `${EN['forbidden']} (${risk})`);
  }
  if (problem.code === 'missing_fields' && 'fields' in problem && problem.fields) {
    const names = problem.fields.map((f) => messages(locale).reportField[f]).join(', ');
    return plainMessage(locale === 'ja' ? `${JA['missing_fields']}: ${names}` : `The report still needs: ${names}.`);
  }
  const words = locale === 'ja' ? JA[problem.code] : EN[problem.code];
  const fallback = 'message' in problem && typeof problem.message === 'string' ? problem.message : undefined;
  return plainMessage(words ?? fallback ?? EN['unexpected'] ?? 'Unexpected error');
}
