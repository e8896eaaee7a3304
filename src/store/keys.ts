// Every Redis key klaxon uses besides BullMQ's own (src/queue names those), in one place.
//
// Hash tag choice: the whole prefix is the tag (`{klaxon}:incident:inc-42`), so every key of a deployment
// lives in one cluster slot. A per-incident tag (`klaxon:{inc-42}:…`) would spread incidents over shards,
// but creating or closing an incident must change its record AND the global open/recent indexes in one
// atomic step, and a link index (channel id → incident) spans incidents too; with per-incident tags those
// writes would cross slots and could not share a script. klaxon's data is small (a few dozen incidents, a
// few thousand events), far below what one Redis node serves, so atomicity wins over spreading. Two
// deployments on one cluster use two prefixes and therefore two slots; BullMQ queues carry their own tags.

/** The prefix when none is configured; tests and benches use their own. */
export const DEFAULT_PREFIX = 'klaxon';

/** Every key under one prefix, so no other file spells a key. */
export interface StoreKeys {
  readonly prefix: string;
  /** INCR source of incident numbers. */
  readonly counter: string;
  /** Sorted set of incidents not closed, scored by declaration time. */
  readonly open: string;
  /** Sorted set of every incident, scored by declaration time. */
  readonly recent: string;
  /** Set of closed incidents whose report has not been delivered yet (written in the same step as the close). */
  readonly reportsOwed: string;
  readonly audit: string;
  /** Set of incidents whose intent stream holds entries not yet folded into the record. */
  readonly unfolded: string;
  incident(id: string): string;
  timeline(id: string): string;
  /** Hash of the event ids already written to the timeline: the at-least-once dedupe set. */
  eventIds(id: string): string;
  /**
   * The timeline's events as JSON text, each led by a comma, appended in the same step as its stream entry:
   * the whole timeline (a report, say) in one read and one JSON.parse. The stream stays the record (ids,
   * pages); an incident from before this text existed reads from the stream.
   */
  timelineText(id: string): string;
  links(id: string): string;
  linkIndex(linkKey: string): string;
  idempotency(id: string, key: string): string;
  once(key: string): string;
  /** A pending destructive run waiting for its approval. */
  runRequest(runId: string): string;
  /** Set by the first worker that starts a run (a restart after a crash finds it). */
  runStarted(runId: string): string;
  /** A file a run produced, kept for the bot to upload. */
  artifact(runId: string, index: number): string;
  workerHeartbeat(host: string): string;
  /** Set of the worker hosts that ever sent a heartbeat. */
  readonly workerHosts: string;
  /** Sliding window of alert declarations of one sender. */
  alertsDeclared(sender: string): string;
  /** Stream of people's actions acknowledged but maybe not yet folded into the record. */
  intents(id: string): string;
  /** Hash: idempotency key of an intent → its state (pending, confirmed, revoked) and then its outcome. */
  outcomes(id: string): string;
  /** The lock one folder holds while it folds an incident's intents. */
  foldLock(id: string): string;
  /** A maintenance run (JSON), the newest runs of a plan (sorted set), and a run's Slack references. */
  maintenanceRun(runId: string): string;
  maintenanceRuns(planId: string): string;
  maintenanceLinks(runId: string): string;
  /** The canary's last good run, and its last result of any kind. */
  readonly canaryBaseline: string;
  readonly canaryLast: string;
  /** Set of the people who opened the Home tab. */
  readonly homeViewers: string;
  /** Hash of each person's Home tab as klaxon last drew it (Slack's view hash, per user id). */
  readonly homeTabs: string;
}

// Builds the key set for a prefix; a prefix with braces would break the single-slot guarantee, so it is a bug.
export function storeKeys(prefix: string = DEFAULT_PREFIX): StoreKeys {
  if (prefix === '' || /[{}]/.test(prefix)) throw new Error(`invalid Redis key prefix ${JSON.stringify(prefix)}`);
  const tag = `{${prefix}}`;
  return {
    prefix,
    counter: `${tag}:counter`,
    open: `${tag}:open`,
    recent: `${tag}:recent`,
    reportsOwed: `${tag}:reports-owed`,
    audit: `${tag}:audit`,
    unfolded: `${tag}:unfolded`,
    incident: (id) => `${tag}:incident:${id}`,
    timeline: (id) => `${tag}:timeline:${id}`,
    eventIds: (id) => `${tag}:event-ids:${id}`,
    timelineText: (id) => `${tag}:timeline-text:${id}`,
    links: (id) => `${tag}:links:${id}`,
    linkIndex: (linkKey) => `${tag}:link-index:${linkKey}`,
    idempotency: (id, key) => `${tag}:idem:${id}:${key}`,
    once: (key) => `${tag}:once:${key}`,
    runRequest: (runId) => `${tag}:run-request:${runId}`,
    runStarted: (runId) => `${tag}:run-started:${runId}`,
    artifact: (runId, index) => `${tag}:artifact:${runId}:${index}`,
    workerHeartbeat: (host) => `${tag}:worker:${host}`,
    workerHosts: `${tag}:workers`,
    alertsDeclared: (sender) => `${tag}:alerts:declared:${sender}`,
    intents: (id) => `${tag}:intents:${id}`,
    outcomes: (id) => `${tag}:outcomes:${id}`,
    foldLock: (id) => `${tag}:fold-lock:${id}`,
    maintenanceRun: (id) => `${tag}:maintenance:run:${id}`,
    maintenanceRuns: (planId) => `${tag}:maintenance:runs:${planId}`,
    maintenanceLinks: (id) => `${tag}:maintenance:links:${id}`,
    canaryBaseline: `${tag}:canary:baseline`,
    canaryLast: `${tag}:canary:last`,
    homeViewers: `${tag}:home-viewers`,
    homeTabs: `${tag}:home-tabs`,
  };
}
