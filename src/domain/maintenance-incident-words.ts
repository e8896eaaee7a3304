// The words a failed maintenance run or a drifted canary writes into its incident: the title and the results
// note (on the timeline, so in the report too). The use case writes them in the team's locale; one interface
// types both languages, so a missing translation does not compile (like report-words.ts).
import type { Locale } from './locale.js';

export interface MaintenanceIncidentWords {
  readonly driftTitle: string;
  readonly failedTitle: (plan: string) => string;
  readonly resultsHead: (plan: string, passed: number, total: number, runId: string) => string;
  readonly driftIntro: (since: string) => string;
  readonly snapshotBefore: string;
  readonly snapshotAfter: string;
  readonly none: string;
}

export const MAINTENANCE_INCIDENT_WORDS: Readonly<Record<Locale, MaintenanceIncidentWords>> = {
  en: {
    driftTitle: 'Golden-run canary: backtest results drifted',
    failedTitle: (plan) => `Scheduled maintenance failed: ${plan}`,
    resultsHead: (plan, passed, total, runId) => `${plan}: ${passed}/${total} entries succeeded (${runId})`,
    driftIntro: (since) => `The pinned reference backtest drifted from the last good run${since}.`,
    snapshotBefore: 'Reproducibility snapshot of the last good run:',
    snapshotAfter: 'Reproducibility snapshot of this run:',
    none: '(none)',
  },
  ja: {
    driftTitle: 'ゴールデンラン: バックテスト結果の変化',
    failedTitle: (plan) => `定期メンテナンス失敗: ${plan}`,
    resultsHead: (plan, passed, total, runId) => `${plan}: ${total} 件中 ${passed} 件成功 (${runId})`,
    driftIntro: (since) => `固定した基準バックテストの結果が前回正常時${since}から変化しました。`,
    snapshotBefore: '前回正常時の再現性スナップショット:',
    snapshotAfter: '今回の再現性スナップショット:',
    none: '(なし)',
  },
};
