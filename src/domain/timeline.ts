// Everything that happens to an incident, as one typed union. The timeline is append-only; the report is
// compiled from it.
import type { ChecklistItemId } from './checklist.js';
import type { EscalationLevel, IncidentRole, Instant, UserId } from './incident.js';
import type { HostSnapshot } from './host-snapshot.js';
import type { Severity } from './severity.js';

export type JobOutcome = 'succeeded' | 'failed' | 'timed_out' | 'canceled' | 'refused' | 'unknown';

export interface AttachedFile {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

export type TimelineEventBody =
  | { readonly type: 'declared'; readonly title: string; readonly severity: Severity; readonly detectedAt: Instant }
  | { readonly type: 'acknowledged' }
  | { readonly type: 'severity_changed'; readonly from: Severity; readonly to: Severity }
  | { readonly type: 'role_assigned'; readonly role: IncidentRole; readonly user: UserId }
  | { readonly type: 'checklist_ticked'; readonly item: ChecklistItemId; readonly auto: boolean; readonly reason?: string }
  | { readonly type: 'checklist_unticked'; readonly item: ChecklistItemId; readonly reason?: string }
  | {
      readonly type: 'job_queued';
      readonly jobId: string;
      readonly commandId: string;
      readonly host: string;
      readonly params: Readonly<Record<string, string>>;
      /** The "Run all" it belongs to: a run queued again after a restart still reports in that suite's summary. */
      readonly suite?: string;
    }
  | { readonly type: 'job_started'; readonly jobId: string; readonly commandId: string; readonly host: string }
  | {
      readonly type: 'job_finished';
      readonly jobId: string;
      readonly commandId: string;
      readonly host: string;
      readonly outcome: JobOutcome;
      readonly exitCode: number | null;
      readonly durationMs: number;
      /** sha256 of the full (redacted) output. */
      readonly outputDigest: string;
      readonly files: readonly AttachedFile[];
    }
  | { readonly type: 'approval'; readonly jobId: string; readonly commandId: string; readonly decision: 'requested' | 'approved' | 'denied' | 'expired' }
  | { readonly type: 'update_posted'; readonly text: string }
  | { readonly type: 'note'; readonly text: string }
  /** The §8.1 suite's verdict, as data: each report says it in its own language. */
  | { readonly type: 'verification'; readonly passed: boolean; readonly failed: readonly string[] }
  /** A 📌 on a message: `at` is the message's original time, `pinnedAt` when it was pinned. */
  | { readonly type: 'pinned'; readonly text: string; readonly author: UserId; readonly pinnedAt: Instant }
  | { readonly type: 'escalated'; readonly level: EscalationLevel; readonly reason: string }
  | {
      readonly type: 'clock';
      readonly clock: 'response' | 'recovery' | 'interim';
      readonly kind: 'reminder' | 'breach';
      readonly dueAt: Instant;
    }
  | { readonly type: 'resolved' }
  /** `unverifiedReason`: a critical/high incident closed with システム検証実施 open, and why. */
  | { readonly type: 'closed'; readonly unverifiedReason?: string }
  /** Recovery turned out not to hold: back to responding, the recovery clock runs again. */
  | { readonly type: 'reopened'; readonly reason: string }
  | { readonly type: 'alert_attached'; readonly alertId: string; readonly title: string; readonly source: string }
  | { readonly type: 'report_written'; readonly file: string; readonly sha256: string }
  /** A follow-up (action item) recorded with its owner and due day, or marked done / open again. */
  | { readonly type: 'followup_added'; readonly item: string; readonly kind: 'prevention' | 'follow_up'; readonly text: string; readonly owner: UserId; readonly due: string }
  | { readonly type: 'followup_state'; readonly item: string; readonly state: 'open' | 'done' }
  /** A reproducibility snapshot of the backtest tree, parsed from a `host.snapshot` run's output. */
  | { readonly type: 'host_snapshot'; readonly jobId: string; readonly host: string; readonly snapshot: HostSnapshot };

export type TimelineEvent = TimelineEventBody & {
  /** Idempotency key: an at-least-once retry of the same action produces the same id and is written once. */
  readonly id: string;
  readonly incidentId: string;
  readonly at: Instant;
  readonly by: UserId;
};

export type TimelineEventType = TimelineEvent['type'];
