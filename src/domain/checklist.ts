// The incident checklist of runbook §12.1: three phases of five items, with Japanese and English labels.
import type { Instant, UserId } from './incident.js';
import type { TimelineEventBody } from './timeline.js';

export const CHECKLIST_PHASES = ['initial', 'response', 'post'] as const;
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];

export const CHECKLIST_ITEMS = [
  { id: 'detection_time', phase: 'initial', ja: 'インシデント検知時刻記録', en: 'Record detection time' },
  { id: 'severity_assessed', phase: 'initial', ja: '重要度レベル判定', en: 'Assess severity level' },
  { id: 'initial_logs', phase: 'initial', ja: '初期ログ収集', en: 'Collect initial logs' },
  { id: 'impact_assessed', phase: 'initial', ja: '影響範囲評価', en: 'Assess impact' },
  { id: 'stakeholders_notified', phase: 'initial', ja: '関係者通知', en: 'Notify stakeholders' },
  { id: 'runbook_followed', phase: 'response', ja: '対応手順書に従った実施', en: 'Follow the runbook procedure' },
  { id: 'response_time', phase: 'response', ja: '対応実施時刻記録', en: 'Record response time' },
  { id: 'interim_report', phase: 'response', ja: '中間報告実施', en: 'Post interim report' },
  { id: 'recovery_confirmed', phase: 'response', ja: '復旧確認', en: 'Confirm recovery' },
  { id: 'secondary_damage', phase: 'response', ja: '二次被害防止確認', en: 'Check for secondary damage' },
  { id: 'system_verified', phase: 'post', ja: 'システム検証実施', en: 'Verify the system' },
  { id: 'report_written', phase: 'post', ja: 'インシデント報告書作成', en: 'Write the incident report' },
  { id: 'root_cause', phase: 'post', ja: '根本原因分析実施', en: 'Analyse the root cause' },
  { id: 'prevention', phase: 'post', ja: '再発防止策策定', en: 'Define prevention measures' },
  { id: 'improvement_plan', phase: 'post', ja: '改善計画作成', en: 'Write the improvement plan' },
] as const satisfies readonly { id: string; phase: ChecklistPhase; ja: string; en: string }[];

export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number]['id'];

export interface ChecklistEntry {
  readonly done: boolean;
  readonly by?: UserId;
  readonly at?: Instant;
  /** Ticked by evidence (a job result, a status update, …) rather than by a person. */
  readonly auto?: boolean;
  /** A person overrode what evidence says (or ticked without it) and said why. */
  readonly reason?: string;
}

export type ChecklistState = Readonly<Record<ChecklistItemId, ChecklistEntry>>;

/** Says which command ids are evidence for an item (the catalogue's `ticks`); the domain never imports commands/. */
export type TicksFor = (commandId: string) => 'initial_logs' | 'system_verified' | undefined;

// Every item open: the state of a checklist before anything happened.
export function emptyChecklist(): ChecklistState {
  return Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.id, { done: false }])) as Record<ChecklistItemId, ChecklistEntry>;
}

/**
 * The items an event proves done (DESIGN journey 2). System verification and the stakeholder announcement
 * have no event of their own: their transitions tick them directly.
 * @example evidenceFor({ type: 'update_posted', text: '…' }) //=> ['interim_report']
 */
export function evidenceFor(event: TimelineEventBody, ticksFor: TicksFor = () => undefined): ChecklistItemId[] {
  switch (event.type) {
    case 'declared':
      return ['detection_time', 'severity_assessed'];
    case 'acknowledged':
      return ['response_time'];
    case 'job_finished':
      return event.outcome === 'succeeded' && ticksFor(event.commandId) === 'initial_logs' ? ['initial_logs'] : [];
    case 'update_posted':
      return ['interim_report'];
    case 'resolved':
      return ['recovery_confirmed'];
    case 'report_written':
      return ['report_written'];
    default:
      return [];
  }
}
