// The ports the use cases need, defined by the application and implemented by the adapters (src/store,
// src/queue, src/slack). src/app imports no adapter: the composition roots (src/start-*.ts) plug them in.
import type { Incident, Instant } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { RunResult } from '../domain/run-result.js';
import type { CanaryBaseline, CanaryMetrics } from '../domain/canary.js';
import type { PlanRun } from '../domain/maintenance-run.js';
import type { EntrySlot } from '../domain/scheduled-work.js';
import type { Severity } from '../domain/severity.js';
import type { ClockAlarm } from '../domain/sla.js';
import type { EscalationReason } from '../domain/escalation.js';
import type { TimelineEvent } from '../domain/timeline.js';
import type { IncidentLinkKey, IncidentLinks, IndexedLinkKey, Links } from './links.js';

/** The incident id names nothing: a stale button, a typo, an incident from another prefix. */
export interface NotFound {
  readonly code: 'not_found';
}

/** A pure domain step: the store may call it several times when it loses a race. */
export type Transition<E> = (
  incident: Incident,
) => Result<{ readonly incident: Incident; readonly events: readonly TimelineEvent[] }, E>;

/** The timeline events announced to everyone (src/app/announce-changes.ts). */
export type ChangeEvent = Extract<TimelineEvent, { readonly type: 'severity_changed' | 'resolved' | 'closed' | 'reopened' }>;

/** What an update did, so the caller can re-render and notify. */
export interface Updated {
  readonly incident: Incident;
  /** The events written; for a duplicate, the events the first application wrote. */
  readonly events: TimelineEvent[];
  readonly duplicate: boolean;
}

/** A page of the timeline; `next` is the cursor for the following page, absent on the last one. */
export type TimelinePage = TimelineEvent[] & { readonly next?: string };

/** `after` is the `next` cursor of the previous page. */
export interface PageRequest {
  readonly after?: string;
  readonly count?: number;
}

/**
 * An indexed link a new incident takes in the step that stores it, only while the link's index names `replaces`
 * (no incident when absent): an alert's fingerprint and the incident it declared are stored together or not at all.
 */
export interface LinkClaim {
  readonly key: IndexedLinkKey;
  readonly value: string;
  readonly replaces?: string | undefined;
}

/** Incidents, their timelines and their links; another implementation (in memory) can stand in for tests. */
export interface IncidentStore {
  nextNumber(): Promise<number>;
  /** `taken`: the claimed link's index names another incident than `replaces` now; nothing was stored. */
  create(incident: Incident, events: readonly TimelineEvent[], claim?: LinkClaim): Promise<Result<Incident, 'exists' | 'taken'>>;
  get(id: string): Promise<Incident | undefined>;
  /** The incidents that exist, in the order asked for. */
  getMany(ids: readonly string[]): Promise<Incident[]>;
  /** Incidents not closed, newest declaration first. */
  listOpen(): Promise<Incident[]>;
  listRecent(limit: number): Promise<Incident[]>;
  /** Incidents declared in [from, to), oldest first. */
  listDeclared(from: Instant, to: Instant): Promise<Incident[]>;
  update<E>(
    id: string,
    transition: Transition<E>,
    /**
     * `lastSeen`: the incident as the caller read it a moment ago. The first attempt starts from it instead of
     * reading it again; a copy that is no longer current costs one more attempt, never a lost or wrong write.
     * `audit`: an entry for the audit stream, written in the same step as the change and only with it.
     */
    opts?: { readonly idempotencyKey?: string; readonly lastSeen?: Incident; readonly audit?: AuditEntry },
  ): Promise<Result<Updated, E | NotFound>>;
  /** Returns how many events were new; an id already on the timeline is not written again. */
  appendEvents(id: string, events: readonly TimelineEvent[]): Promise<Result<number, NotFound>>;
  timeline(id: string, page?: PageRequest): Promise<TimelinePage>;
  timelineAll(id: string): Promise<TimelineEvent[]>;
  /** How many events each timeline holds, in one round trip: a timeline only grows, so the same length is the same events. */
  timelineLengths(ids: readonly string[]): Promise<number[]>;
  /** Records an adapter reference (Slack channel id, header message ts, …); an indexed key also for findByLink. */
  setLink<K extends IncidentLinkKey>(id: string, key: K, value: IncidentLinks[K]): Promise<Result<void, NotFound>>;
  getLinks(id: string): Promise<Links>;
  findByLink(key: IndexedLinkKey, value: string): Promise<Incident | undefined>;
  /** Closed incidents whose report was not delivered yet: owed from the moment the close was stored. */
  reportsOwed(): Promise<string[]>;
  /** The report of `id` was delivered (written, uploaded, summarised): it is no longer owed. */
  reportDelivered(id: string): Promise<void>;
}

/** What one audit line says: who asked for what, where, and what was decided. */
export interface AuditEntry {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly commandId?: string | undefined;
  /** sha256 of the canonical parameters: the audit proves what ran without storing secrets. */
  readonly paramsDigest?: string | undefined;
  readonly host?: string | undefined;
  /** e.g. allowed, denied, approved, executed, duplicate. */
  readonly decision: string;
  readonly detail?: string | undefined;
  readonly requestId: string;
  readonly incidentId?: string | undefined;
}
/** An entry as read back, with its stream id as the paging cursor. */
export type AuditRecord = AuditEntry & { readonly streamId: string };

/** Append-only by design: there is no method to change or remove an entry. */
export interface AuditLog {
  /** Returns the stream id of the new entry. */
  append(entry: AuditEntry): Promise<string>;
  /** Oldest first; pass the last streamId as `after` for the next page. */
  read(page?: { readonly count?: number; readonly after?: string }): Promise<AuditRecord[]>;
  /** Whether a host worker claimed the run's start (its marker is kept 7 days): the run went, whatever Slack shows. */
  startClaimed(runId: string): Promise<boolean>;
}

/** Dedupe of deliveries that may arrive more than once. */
export interface Once {
  /** True for the first caller within ttlSeconds, false for every repeat. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Holds `key` for `owner` for ttlSeconds unless someone else holds it; returns who holds it now (`owner`
   * when this call won), so a retry of the winner is told apart from a second claimant.
   */
  hold(key: string, owner: string, ttlSeconds: number): Promise<string>;
  /** Lets go of `key` if `owner` holds it (someone else's hold stays); whether it did. */
  release(key: string, owner: string): Promise<boolean>;
  /** Passes `key` from `from` to `to` for ttlSeconds if `from` holds it (of several takers, one); whether it did. */
  swap(key: string, from: string, to: string, ttlSeconds: number): Promise<boolean>;
}

/** A request to run one catalogue command on one host, as queued (the worker re-checks all of it). */
export interface RunJobData {
  readonly runId: string;
  readonly incidentId: string;
  readonly commandId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly host: string;
  readonly requestedBy: string;
  readonly approvedBy?: string;
  readonly severity: Severity;
  /**
   * Set for an entry of a scheduled maintenance run (then `incidentId` is the run's id, `mnt-…`): the host
   * checks it against the plans of its own policy instead of a person's roles.
   */
  readonly maintenance?: { readonly planId: string; readonly planRunId: string; readonly slot: EntrySlot };
  /** Set for a run started by "Run all": it reports in the suite's one summary message, not a thread of its own. */
  readonly suite?: string;
}

/** "Run all" of a playbook: which runs it started (or why one did not start), shown as one summary message. */
export interface RunSuite {
  readonly id: string;
  readonly playbookId: string;
  readonly by: string;
  readonly host: string;
  readonly startedAt: Instant;
  readonly entries: readonly { readonly command: string; readonly runId?: string; readonly refused?: string }[];
}

/** A file a run produced, kept in Redis for the bot to upload (the worker host holds no Slack token). */
export interface RunArtifact {
  readonly name: string;
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
}

export type RunEvent =
  /** `restarted`: a read-only job picked up again after its worker died; the timeline records both starts. */
  | { readonly kind: 'started'; readonly run: RunJobData; readonly at: number; readonly restarted?: boolean }
  | { readonly kind: 'progress'; readonly run: RunJobData; readonly at: number; readonly tail: string }
  | {
      readonly kind: 'finished';
      readonly run: RunJobData;
      readonly at: number;
      readonly result: RunResult;
      readonly artifacts: readonly RunArtifact[];
    }
  | { readonly kind: 'refused'; readonly run: RunJobData; readonly at: number; readonly reason: string }
  | { readonly kind: 'unknown'; readonly run: RunJobData; readonly at: number };

/** A pending destructive run waiting for a second person. */
export interface PendingApproval {
  readonly run: RunJobData;
  readonly expiresAt: number;
  /** Set once decided, so a late click is told it was decided rather than that it expired. */
  readonly decided?: 'approved' | 'denied';
  /** Set once everything the decision does is done (timeline, run queued, request message replaced). */
  readonly settled?: boolean;
}

/** Where pending approvals are kept between the request and the decision. */
export interface Approvals {
  /** Keeps a new request (a repeat of the same run id changes nothing). */
  put(pending: PendingApproval, ttlSeconds: number): Promise<void>;
  get(runId: string): Promise<PendingApproval | undefined>;
  /** Replaces the stored request, keeping its expiry. */
  replace(pending: PendingApproval): Promise<void>;
}

/**
 * What happened, for the Slack adapter to show. A job carries intent, never rendered blocks: the effect
 * renders at delivery from the incident as stored then, so a delayed job never posts stale content.
 */
export type EffectJob =
  | {
      readonly name: 'setup';
      /** `origin`: where and by whom it was declared; `responseUrl` answers a slash command wherever it was typed. */
      readonly data: { readonly incidentId: string; readonly origin?: { channel: string; user: string; responseUrl?: string } };
    }
  | { readonly name: 'render'; readonly data: { readonly incidentId: string } }
  /**
   * A 📌 on a message in the incident channel: the message goes on the timeline at its own time. A job, as Slack
   * has its answer before the message is read, so a failure then is retried instead of losing the pin.
   */
  | { readonly name: 'pin'; readonly data: { readonly incidentId: string; readonly channel: string; readonly ts: string; readonly by: string; readonly at: number; readonly itemUser?: string } }
  /** A change everyone must see (severity, recovery, close, reopen): into the incident channel and to the stakeholders. */
  | { readonly name: 'change'; readonly data: { readonly incidentId: string; readonly event: ChangeEvent } }
  /** A plain-text note into the incident channel (alert repeats and overflows, resolved alerts). */
  | { readonly name: 'note'; readonly data: { readonly incidentId: string; readonly text: string } }
  /** A fired clock alarm; `saveAs` is the link that records its delivery. */
  | { readonly name: 'alarm'; readonly data: { readonly incidentId: string; readonly alarm: ClockAlarm; readonly saveAs: `clock:${string}` } }
  | {
      readonly name: 'escalation';
      readonly data: {
        readonly incidentId: string;
        readonly level: 2 | 3;
        readonly who: readonly string[];
        readonly reason: EscalationReason;
        readonly saveAs: `escalation:${string}`;
      };
    }
  /** A status update (中間報告) into the incident channel or to the stakeholders. */
  | { readonly name: 'status-update'; readonly data: { readonly incidentId: string; readonly to: 'incident' | 'stakeholders'; readonly text: string; readonly by: string } }
  /** The §8.1 verification offer after a resolve. */
  | { readonly name: 'verification-offer'; readonly data: { readonly incidentId: string } }
  /** A run was accepted: its thread root, or the approval request when it needs a second person. */
  | {
      readonly name: 'run-accepted';
      /** `requestedAt`: when the approval was asked for (absent in jobs queued by an older bot). */
      readonly data: { readonly incidentId: string; readonly run: RunJobData; readonly approval?: { readonly expiresAt: number; readonly requestedAt?: number } };
    }
  /** "Run all" started: its summary message, updated in place as its runs go. */
  | { readonly name: 'run-suite'; readonly data: { readonly incidentId: string; readonly suite: RunSuite } }
  /** A pending approval was decided (or found expired): its request message shows the decision. */
  | {
      readonly name: 'approval-decided';
      readonly data: {
        readonly incidentId: string;
        readonly run: RunJobData;
        readonly decision: 'approved' | 'denied' | 'expired';
        readonly by: string;
        readonly at: Instant;
      };
    }
  /** A playbook's steps, in the thread under the playbook offer. */
  | { readonly name: 'playbook'; readonly data: { readonly incidentId: string; readonly playbookId: string; readonly startedAt: Instant } }
  /** Invites people (`U…`) and the members of user groups (`S…`) into the incident channel. */
  | { readonly name: 'invite'; readonly data: { readonly incidentId: string; readonly members: readonly string[] } }
  | { readonly name: 'run-event'; readonly data: RunEvent }
  /** A maintenance run's summary in the ops channel: posted once, then updated in place. */
  | { readonly name: 'maintenance-summary'; readonly data: { readonly runId: string } }
  /** The canary's comparison with the last good run, under its summary. */
  | { readonly name: 'maintenance-canary'; readonly data: { readonly runId: string } }
  | { readonly name: 'report'; readonly data: { readonly incidentId: string; readonly by: string } }
  /** The incident's follow-ups in its channel: a card per follow-up (with its Done / Reopen button), posted or updated. */
  | { readonly name: 'followups'; readonly data: { readonly incidentId: string } }
  /** A follow-up is due: its owner is mentioned in the incident channel; `saveAs` records the delivery. */
  | { readonly name: 'followup-reminder'; readonly data: { readonly incidentId: string; readonly item: string; readonly due: string; readonly saveAs: `followup-reminded:${string}` } }
  /** The response metrics of a month, to the ops channel. */
  | { readonly name: 'monthly-summary'; readonly data: { readonly month: string } }
  /** A person opened klaxon's Home tab: draw it for them from the incidents as stored at delivery. */
  | { readonly name: 'home'; readonly data: { readonly userId: string } }
  /** Incidents changed: redraw the Home tab of everyone who opened it, one pass for any number of changes. */
  | { readonly name: 'homes'; readonly data: Readonly<Record<string, never>> };

/** Which queue job an effect runs in (its id keys what it posts) and which try this is (1 for the first). */
export interface EffectRun {
  readonly jobId?: string | undefined;
  readonly attempt: number;
}

/** The Slack side effects, queued in order and delivered at least once. */
/**
 * An effect Slack definitely refused (a missing permission or membership, input it rejects): retrying cannot
 * help, so the queue gives up at once instead of asking the same question for minutes.
 */
export class PermanentEffectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentEffectError';
  }
}

/**
 * An effect Slack could not take for now: unreachable, answering 5xx, or asking to wait (429) for longer than
 * the call's own retries. Slack outages last hours, so the queue keeps trying it (EFFECT_RETRY's window)
 * instead of giving up after a few attempts on something klaxon already acknowledged.
 */
export class SlackDownEffectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackDownEffectError';
  }
}

/**
 * An effect that has to wait for another one: the incident channel is not created yet, or another replica is
 * posting the same message. The queue tries again shortly; it is not a fault, so it is not reported as one.
 */
export class EffectNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EffectNotReadyError';
  }
}

export interface Effects {
  /** Queues one effect; a repeated jobId adds nothing. */
  enqueue(job: EffectJob, jobId?: string): Promise<void>;
  /** Whether the effect with this job id is queued, running or failed, or was done lately (a done job is kept a while). */
  has(jobId: string): Promise<boolean>;
  /** Coalesces re-renders of an incident's messages: a burst of clicks becomes one chat.update per message. */
  render(incidentId: string): Promise<void>;
  /**
   * Coalesces redraws of every opened Home tab: changes of any incidents while one is waiting or running become
   * one more pass, so views.publish (Tier 4, about 100 a minute for the whole app) is asked once per person.
   */
  homes(): Promise<void>;
}

/** Hands an accepted run to its host's queue. */
export interface RunQueue {
  enqueue(run: RunJobData): Promise<void>;
  /** Whether the run's job is on its host's queue, in any state (waiting, running, or kept after it ended). */
  has(run: Pick<RunJobData, 'runId' | 'host'>): Promise<boolean>;
}

/** A planned wake-up of the clock processor. */
export type ClockJob =
  | { readonly name: 'alarm'; readonly data: { readonly incidentId: string; readonly alarm: ClockAlarm } }
  | { readonly name: 'ladder'; readonly data: { readonly incidentId: string; readonly at: Instant } }
  /** A follow-up's due day has come (its reminder); stale when it was done or re-dated since. */
  | { readonly name: 'followup'; readonly data: { readonly incidentId: string; readonly item: string; readonly due: string } }
  /** The monthly response-metrics summary (a repeating job: one firing per month for all replicas). */
  | { readonly name: 'monthly-summary'; readonly data: Readonly<Record<string, never>> };

export interface PlannedJob {
  readonly job: ClockJob;
  readonly jobId: string;
  readonly dueAt: Instant;
}

/** Delayed wake-ups for the SLA clocks and the escalation ladder. */
export interface ClockJobs {
  /** Adds delayed jobs; a job whose id exists (fired or not) is not added again. */
  add(planned: readonly PlannedJob[]): Promise<void>;
  /** Makes `id` a repeating job on a cron pattern in a zone; the same call from every replica changes nothing. */
  repeat(id: string, cron: string, timeZone: string, job: ClockJob): Promise<void>;
}

/** Which worker hosts are online, from their heartbeats. */
export interface WorkerPresence {
  readonly host: string;
  readonly online: boolean;
  readonly lastSeenAt?: number;
  readonly pid?: number;
  readonly concurrency?: number;
}

/** The last canary result, good or not (what `/incident maintenance` shows). */
export interface CanaryResult {
  readonly runId: string;
  readonly at: number;
  readonly outcome: 'good' | 'drift' | 'failed' | 'baseline';
  readonly metrics?: CanaryMetrics;
  readonly snapshot?: string;
}

/** Maintenance runs and the canary's last good run, shared by every replica. */
export interface MaintenanceRuns {
  /** Stores a new run; false when a run with its id exists (another replica's copy of the same firing). */
  create(run: PlanRun): Promise<boolean>;
  get(runId: string): Promise<PlanRun | undefined>;
  /** Applies a pure change under compare-and-set; undefined when the run does not exist. */
  update(runId: string, change: (run: PlanRun) => PlanRun): Promise<PlanRun | undefined>;
  /** The newest runs of a plan, newest first. */
  recent(planId: string, count: number): Promise<PlanRun[]>;
  /** Adapter references of a run (the summary message's channel and ts, its thread's files). */
  setLink(runId: string, key: string, value: string): Promise<void>;
  getLinks(runId: string): Promise<Record<string, string>>;
  baseline(): Promise<CanaryBaseline | undefined>;
  setBaseline(baseline: CanaryBaseline): Promise<void>;
  lastCanary(): Promise<CanaryResult | undefined>;
  setLastCanary(result: CanaryResult): Promise<void>;
}

/** One recurring firing per plan (the canary included), read in the plan's zone. */
export interface ScheduleSpec {
  readonly planId: string;
  readonly cron: string;
  readonly timeZone: string;
}

/** The maintenance schedulers. */
export interface Schedules {
  /** Makes the schedulers exactly these: new or changed ones upserted, others removed. */
  sync(specs: readonly ScheduleSpec[]): Promise<void>;
  /** When each plan fires next (epoch ms). */
  next(): Promise<Map<string, number>>;
}

/** The people who opened klaxon's Home tab: theirs is redrawn whenever an incident changes. */
export interface HomeViewers {
  add(userId: string): Promise<void>;
  list(): Promise<string[]>;
  /** Slack's hash of the person's Home tab as a bot last drew it: what the next draw must replace. */
  tabHash(userId: string): Promise<string | undefined>;
  keepTabHash(userId: string, hash: string): Promise<void>;
}
