// Every link of an incident, named once with what it holds (like slack/ids.ts for action ids). A link is an
// adapter's reference kept beside the record: a Slack channel, a posted message's ts, or a flag that a step
// of an effect is done, so a retried job skips it. Facts about the incident itself live in the record or on
// the timeline, never here. A key not in this table does not compile.

/** A Slack channel id (`C…`). */
type ChannelId = string;
/** A Slack message ts: the message is posted and may be updated or replied to. */
type MessageTs = string;
/** The step is done. */
type Done = '1';
/** A digest of a message as last shown (effect-context `digestOf`), so an unchanged one is not sent again. */
type Digest = string;
/** Slack file ids, comma-separated, or `none`. */
type FileIds = string;

/** What each link key of an incident holds; every value is a string in Redis. */
export interface IncidentLinks {
  /** The incident channel (looked up: the channel → its incident). */
  readonly channel: ChannelId;
  readonly channelName: string;
  /** Why klaxon runs the incident in the channel it was declared in (Slack's error code). */
  readonly channelFallback: string;
  readonly invited: Done;
  /** JSON of the invites Slack refused, named once in the channel (`refusalsNamed`). */
  readonly refusedInvites: string;
  readonly refusalsNamed: Done;
  readonly topic: Done;
  /** The declarer was told where the incident lives. */
  readonly replied: Done;
  readonly header: MessageTs;
  readonly checklist: MessageTs;
  /** The playbook offer; playbooks' steps reply in its thread. */
  readonly playbooks: MessageTs;
  readonly stakeholderChannel: ChannelId;
  readonly announcement: MessageTs;
  /** Slack refused the announcement in the stakeholders' channel (its error code). */
  readonly announcementRefused: string;
  readonly verificationOffer: MessageTs;
  /** The report's file id, or `uploaded` when Slack did not say. */
  readonly reportFile: string;
  /**
   * The file id Slack gave the report's upload, kept before the upload is completed: a retry without
   * `reportFile` asks Slack whether it was completed (and so shared) before uploading the report again.
   */
  readonly reportUpload: string;
  readonly reportSummary: MessageTs;
  /** Slack refused the report summary in the stakeholders' channel (its error code); said once in the incident channel. */
  readonly reportSummaryRefused: string;
  readonly archived: Done;
  /** Slack refused to archive the channel on close (its error code); said once in the channel. */
  readonly archiveRefused: string;
  readonly 'shown:header': Digest;
  readonly 'shown:checklist': Digest;
  readonly 'shown:announcement': Digest;
  readonly 'shown:playbooks': Digest;
  /** The channel topic as last set (a topic is text, compared as is). */
  readonly 'shown:topic': string;
  /** A change (severity, resolve, close, reopen) told in the incident channel and to the stakeholders, by its event id. */
  readonly [change: `announced:${string}`]: MessageTs;
  /** A run's thread root, its result, progress, files, host snapshot and canary comparison. */
  readonly [run: `run:${string}`]: MessageTs;
  readonly [result: `run-result:${string}`]: MessageTs;
  readonly [progress: `run-progress:${string}`]: MessageTs;
  readonly [files: `run-files:${string}`]: FileIds;
  readonly [snapshot: `run-snapshot:${string}`]: MessageTs;
  readonly [canary: `run-canary:${string}`]: MessageTs;
  /** The §8.1 suite's verdict, told by the verification run that completed (or failed) the suite. */
  readonly [verdict: `run-verdict:${string}`]: MessageTs;
  /** A person's display name as the report shows it, kept so every rendering names them alike (`personLink`). */
  readonly [person: `person:${string}`]: string;
  /** "Run all": its summary message, and the JSON of its runs (`RunSuite`) it is rendered from. */
  readonly [suite: `suite:${string}`]: MessageTs;
  readonly [suiteRuns: `suite-def:${string}`]: string;
  /** A destructive run's approval request. */
  readonly [approval: `approval:${string}`]: MessageTs;
  /** A fired clock alarm's notice, by its job id (`alarmPostedLink`). */
  readonly [alarm: `clock:${string}`]: MessageTs;
  readonly [escalation: `escalation:${string}`]: MessageTs;
  /** Looked up: an alert's fingerprint → the incident it opened or joined (`alertLink`). */
  readonly [alert: `alert:${string}`]: string;
  /** Looked up: a maintenance plan's id → the incident its failure opened (`planIncidentLink`). */
  readonly [plan: `maintenance:${string}`]: string;
  /** Looked up: the canary plan's id → the incident its drift opened (`CANARY_DRIFT_LINK`). */
  readonly 'canary:drift': string;
  /** A follow-up's card (`followUpCardLink`), the digest it was last shown with, and its due-day reminder. */
  readonly [card: `followup:${string}`]: MessageTs;
  readonly [shown: `followup-digest:${string}`]: Digest;
  readonly [reminded: `followup-reminded:${string}`]: MessageTs;
}

export type IncidentLinkKey = keyof IncidentLinks & string;
/** The links of one incident as read back: any of them may be missing. */
export type Links = { -readonly [K in keyof IncidentLinks]?: IncidentLinks[K] };

/** The link keys that are looked up by value (`findByLink`): only these get a reverse index. */
export type IndexedLinkKey = 'channel' | `alert:${string}` | `maintenance:${string}` | 'canary:drift';

const INDEXED = /^(channel|alert:.+|maintenance:.+|canary:drift)$/;
export const isIndexedLink = (key: string): key is IndexedLinkKey => INDEXED.test(key);

/** The link the posted message of a fired alarm is saved under: present means it was delivered. */
export const alarmPostedLink = (jobId: string): `clock:${string}` => `clock:${jobId}`;
export const alertLink = (fingerprint: string): `alert:${string}` => `alert:${fingerprint}`;
