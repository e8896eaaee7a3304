// The incident as the runbook sees it. Status is a tagged union: each state carries exactly what it has.
import type { ChecklistState } from './checklist.js';
import type { Severity } from './severity.js';

/** Epoch milliseconds (UTC). Plain numbers keep the record JSON-safe; time zones only matter when rendering. */
export type Instant = number;
/** A Slack user id (or `alert:<source>` / `klaxon` for automatic actors). */
export type UserId = string;

export const INCIDENT_ROLES = ['commander', 'comms', 'scribe', 'responder'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

export type EscalationLevel = 1 | 2 | 3;

/** The §9.1 fields a person writes when closing, and what a 障害報告書 adds to them. */
export interface ReportFields {
  readonly summary?: string; // 問題概要
  readonly detectionMethod?: string; // 検知方法
  readonly impact?: string; // 影響範囲
  readonly actions?: string; // 対応内容
  readonly workaround?: string; // 暫定対応
  readonly permanentFix?: string; // 恒久対応
  readonly rootCause?: string; // 根本原因
  readonly prevention?: string; // 再発防止策
  readonly improvementPlan?: string; // 改善計画
  readonly followUp?: string; // 今後の対応計画
}

/** One thing to do after the incident (再発防止策 / フォローアップ), with its owner and due date. */
export interface ActionItem {
  readonly kind: 'prevention' | 'follow_up';
  readonly text: string;
  /** A Slack user id. */
  readonly owner?: UserId;
  /** `yyyy-MM-dd` in the team's zone. */
  readonly due?: string;
  /** `F1`, `F2`…: given when the item is recorded (follow-ups.ts), so a button and a reminder can name it. */
  readonly id?: string;
  /** Set when someone marked it done (state done); absent while it is open. */
  readonly done?: { readonly by: UserId; readonly at: Instant };
}

/** A status update as the announcement shows it. */
export interface StatusUpdate {
  readonly text: string;
  readonly by: UserId;
  readonly at: Instant;
}

export interface IncidentBase {
  /** `inc-<number>`: never all digits and without `:`, so it is a valid BullMQ job id part. */
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly severity: Severity;
  readonly declaredAt: Instant; // 宣言時刻
  readonly detectedAt: Instant; // 検知時刻 (may be earlier than declaration, e.g. from an alert)
  /** 発生時刻, when someone knows the problem began before it was detected; never after detectedAt. */
  readonly startedAt?: Instant;
  readonly declaredBy: UserId;
  readonly source: 'slack' | 'alert';
  /**
   * A private incident (a security matter, runbook §4.3): its channel is private, stakeholders hear only that
   * one is open, and people outside it do not see its title anywhere klaxon lists incidents.
   */
  readonly private?: true;
  readonly roles: Readonly<Partial<Record<IncidentRole, UserId>>>;
  /** Everyone who acted on the incident, in order of first action (the report's 対応者). */
  readonly responders: readonly UserId[];
  readonly checklist: ChecklistState;
  readonly escalationLevel: EscalationLevel;
  /** The backtest host its diagnostics run on by default (a WORKER_HOST name). */
  readonly host?: string;
  readonly report: ReportFields;
  readonly actionItems?: readonly ActionItem[];
  /** The last status update (中間報告): the announcement shows it, and the interim cadence restarts from it. */
  readonly latestUpdate?: StatusUpdate;
  /** When the last interim-report reminder went out: the next one is a cadence after it or the last update. */
  readonly interimRemindedAt?: Instant;
  /** The §8.1 verification suite's results since recovery, by command id (`succeeded` passes). */
  readonly verification?: Readonly<Record<string, string>>;
  /** Bumped by every transition; the store's optimistic concurrency compares it. */
  readonly version: number;
}

export type DeclaredIncident = IncidentBase & { readonly status: 'declared' };
export type AcknowledgedIncident = IncidentBase & {
  readonly status: 'acknowledged';
  readonly acknowledgedAt: Instant; // 対応開始 (first response)
  readonly acknowledgedBy: UserId;
};
export type ResolvedIncident = Omit<AcknowledgedIncident, 'status'> & {
  readonly status: 'resolved';
  readonly resolvedAt: Instant; // 復旧時刻
  readonly resolvedBy: UserId;
};
export type ClosedIncident = Omit<ResolvedIncident, 'status'> & {
  readonly status: 'closed';
  readonly closedAt: Instant; // クローズ
  readonly closedBy: UserId;
  /** Why a critical/high incident was closed with システム検証実施 open: the report shows it. */
  readonly unverifiedReason?: string;
};

export type Incident = DeclaredIncident | AcknowledgedIncident | ResolvedIncident | ClosedIncident;
export type IncidentStatus = Incident['status'];

/** Who did it, when, and the idempotency key of the request that caused it (a retried request reuses it). */
export interface Actor {
  readonly by: UserId;
  readonly at: Instant;
  readonly key: string;
}
