// Every user-visible string of the bot, as one typed shape: a locale missing any of them does not compile.
import type { NotAllowed } from '../../domain/authority.js';
import type { ChecklistPhase } from '../../domain/checklist.js';
import type { Risk } from '../../domain/catalogue.js';
import type { EscalationLevel, IncidentRole, IncidentStatus, ReportFields } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import type { RunOutcome } from '../../domain/run-result.js';
import type { Severity } from '../../domain/severity.js';
import type { ClockName } from '../../domain/sla.js';
import type { NotFound } from '../../app/ports.js';
import type { RunRefusal } from '../../app/request-run.js';
import type { DomainError } from '../../domain/lifecycle.js';
import type { Subcommand, UsageError } from '../parse-command.js';
import { en } from './en.js';
import { ja } from './ja.js';

export type ApprovalDecision = 'approved' | 'denied' | 'expired';

/** Every expected failure the bot explains to the person who asked. */
export type Problem = UsageError | DomainError | RunRefusal | NotFound | NotAllowed | { readonly code: 'not_incident_channel' } | { readonly code: 'unexpected' } | { readonly code: 'not_saved' };
export type ProblemCode = Problem['code'];
/** How one kind of problem is put into words: a sentence per code, so a new code without words does not compile. */
/** The problems that can carry code C (a domain error's code is one of several). */
export type ProblemOf<C extends ProblemCode> = Problem extends infer P ? (P extends { readonly code: infer K } ? (C extends K ? P : never) : never) : never;
export type ProblemWords = { readonly [C in ProblemCode]: (problem: ProblemOf<C>) => string };

export interface Messages {
  /** A duration as people of this locale say it. */
  readonly duration: (ms: number) => string;
  /** The channel topic's head, before the title. */
  readonly topic: (severity: string, status: string) => string;
  /** Between the items of a list in running text. */
  readonly listSeparator: string;
  readonly severity: Readonly<Record<Severity, string>>;
  readonly status: Readonly<Record<IncidentStatus, string>>;
  readonly phase: Readonly<Record<ChecklistPhase, string>>;
  readonly clock: Readonly<Record<ClockName, string>>;
  readonly outcome: Readonly<Record<RunOutcome, string>>;
  readonly risk: Readonly<Record<Risk, string>>;
  readonly role: Readonly<Record<IncidentRole, string>>;
  readonly reportField: Readonly<Record<keyof ReportFields, string>>;
  readonly escalationLevel: Readonly<Record<EscalationLevel, string>>;
  readonly header: {
    readonly severity: string;
    readonly status: string;
    readonly commander: string;
    readonly host: string;
    readonly declared: string;
    readonly nobody: string;
    readonly anyHost: string;
    /** The deadline of a clock, by name (初期対応期限). */
    readonly dueLabel: Readonly<Record<ClockName, string>>;
    readonly due: (label: string, when: string) => string;
    readonly remaining: (duration: string) => string;
    readonly overdue: (duration: string) => string;
    /** A clock in a message kept on screen: still running, or past its due time (no countdown, which would go stale). */
    readonly running: string;
    readonly breached: string;
    readonly met: (duration: string) => string;
    readonly missed: (duration: string) => string;
    readonly acknowledge: string;
    readonly postUpdate: string;
    readonly resolve: string;
    readonly resolveConfirmTitle: string;
    readonly resolveConfirmText: string;
    readonly resolveConfirmYes: string;
    readonly resolveConfirmNo: string;
    readonly takeLead: string;
    readonly assignCommander: string;
    readonly close: string;
    readonly changeSeverityTo: (severity: string) => string;
    readonly fallback: (id: string, title: string, severity: string, status: string) => string;
  };
  readonly checklist: {
    readonly title: string;
    readonly progress: (done: number, total: number) => string;
    readonly tick: string;
    readonly untick: string;
    readonly doneBy: (who: string, when: string) => string;
    readonly auto: string;
    readonly reason: (text: string) => string;
    readonly fallback: (id: string, done: number, total: number) => string;
  };
  readonly playbook: {
    readonly offerTitle: (severity: string) => string;
    readonly offerHint: string;
    readonly placeholder: string;
    readonly none: string;
    readonly symptoms: string;
    readonly within: (minutes: number) => string;
    /** The deadline after `within`, with its own brackets and spacing. */
    readonly by: (when: string) => string;
    readonly manual: string;
    readonly run: string;
    readonly runNeedsRole: string;
    readonly runNeedsApproval: string;
    readonly unknownCommand: (id: string) => string;
    readonly minSeverity: (severity: string) => string;
    readonly confirmTitle: string;
    readonly confirmText: (title: string, risk: string) => string;
    readonly confirmYes: string;
    readonly confirmNo: string;
    /** The dialog of a "Request approval" button: nothing runs until a second person approves. */
    readonly confirmApprovalTitle: string;
    readonly confirmApprovalText: (title: string, risk: string) => string;
    readonly confirmApprovalYes: string;
    readonly moreSteps: (count: number) => string;
    readonly fallback: (title: string) => string;
  };
  readonly home: {
    readonly title: string;
    readonly declare: string;
    readonly mine: string;
    readonly open: (count: number) => string;
    readonly closed: string;
    readonly none: string;
    readonly lead: (who: string) => string;
    readonly report: (file: string) => string;
    readonly updated: (when: string) => string;
  };
  readonly announcement: {
    readonly title: (id: string) => string;
    readonly channel: string;
    readonly declaredAt: string;
    readonly latestUpdate: string;
    readonly noUpdate: string;
    readonly updateBy: (who: string, when: string) => string;
    readonly fallback: (id: string, title: string, severity: string, status: string) => string;
    /** A private incident: that one is open, how bad, who leads; never its title or details. */
    readonly privateOpen: (severity: string, lead: string) => string;
    readonly lead: string;
    readonly nobody: string;
  };
  /** A change everyone is told of; `who` is a mention. */
  readonly change: {
    readonly severity: (who: string, from: string, to: string) => string;
    readonly resolved: (who: string) => string;
    readonly closed: (who: string) => string;
    readonly reopened: (who: string, reason: string) => string;
    /** A private incident's reopen as the stakeholders read it: the reason stays inside. */
    readonly reopenedPrivate: (who: string) => string;
  };
  readonly statusUpdate: {
    readonly title: (id: string) => string;
    readonly by: (who: string) => string;
    readonly fallback: (id: string, text: string) => string;
  };
  readonly run: {
    readonly queued: string;
    readonly started: string;
    readonly running: string;
    readonly on: (host: string) => string;
    readonly exitCode: string;
    readonly signal: string;
    readonly duration: string;
    readonly outputHead: string;
    readonly outputTail: string;
    readonly omitted: (chars: number) => string;
    readonly noOutput: string;
    readonly truncatedAtSource: (bytes: number) => string;
    readonly filesAttached: (count: number) => string;
    readonly digest: string;
    readonly unknownTitle: string;
    readonly unknownBody: string;
    readonly fallback: (title: string, state: string) => string;
  };
  readonly approval: {
    readonly requestTitle: string;
    readonly requestBody: (who: string, title: string) => string;
    readonly params: string;
    readonly noParams: string;
    readonly expires: (when: string) => string;
    readonly approve: string;
    readonly deny: string;
    readonly selfNote: string;
    readonly decided: Readonly<Record<ApprovalDecision, (who: string) => string>>;
    readonly fallback: (title: string, state: string) => string;
  };
  readonly alarm: {
    readonly reminder: (clock: string, inDuration: string, due: string) => string;
    readonly breach: (clock: string, byDuration: string, due: string) => string;
    readonly interim: (since: string) => string;
    readonly escalation: (level: string) => string;
    readonly notify: (who: string) => string;
    readonly nobodyToNotify: string;
    readonly reason: (text: string) => string;
  };
  readonly modal: {
    readonly submit: string;
    readonly cancel: string;
    /** The one button of a form that only tells something. */
    readonly dismiss: string;
    readonly declareTitle: string;
    readonly declareSubmit: string;
    readonly titleLabel: string;
    readonly titlePlaceholder: string;
    readonly severityLabel: string;
    readonly detectedAtLabel: string;
    readonly detectedAtHint: string;
    readonly descriptionLabel: string;
    readonly privateLabel: string;
    readonly privateOption: string;
    readonly closeTitle: string;
    readonly closeSubmit: string;
    readonly closeIntro: (id: string, form: string) => string;
    readonly fullForm: string;
    readonly shortForm: string;
    readonly missingHint: string;
    readonly unverifiedLabel: string;
    readonly unverifiedHint: string;
    readonly updateTitle: string;
    readonly updateSubmit: string;
    readonly updateLabel: string;
    readonly updateHint: string;
    readonly severityTitle: string;
    readonly severityLabel2: string;
    readonly severityReason: string;
    readonly severityCurrent: (severity: string) => string;
  };
  readonly help: {
    readonly title: string;
    readonly usage: Readonly<Record<Subcommand, string>>;
    readonly lines: Readonly<Record<Subcommand, string>>;
    readonly severities: string;
    readonly pin: string;
  };
  readonly errors: {
    /** One short sentence per parse failure; `input` is what the person typed (may be empty). */
    readonly reason: Readonly<Record<UsageError['reason'], (input: string) => string>>;
    readonly valid: (words: string) => string;
    readonly usageLine: (usage: string) => string;
    readonly notIncidentChannel: string;
  };
  readonly list: {
    readonly title: (count: number) => string;
    readonly empty: string;
    readonly line: (id: string, severity: string, status: string, age: string) => string;
    readonly more: (count: number) => string;
  };
  readonly reportSummary: {
    readonly title: (id: string) => string;
    readonly timeToResponse: string;
    readonly timeToRecovery: string;
    readonly against: (actual: string, target: string) => string;
    readonly notReached: string;
    readonly report: (file: string) => string;
    readonly inChannel: (channel: string) => string;
    readonly fallback: (id: string, title: string) => string;
  };
  /** Expected failures, by code (src/slack/explain.ts turns them into a message). */
  readonly problems: ProblemWords;
  /** Field errors shown in a modal. */
  readonly fieldErrors: {
    readonly chooseSeverity: string;
    readonly giveTitle: string;
    readonly future: string;
    readonly timeFormat: string;
    readonly writeUpdate: string;
    readonly required: string;
  };
  /** Short ephemeral confirmations of `/incident` subcommands. */
  readonly done: {
    /** A declaration's text longer than the form holds, given back whole. */
    readonly draftKept: string;
    readonly declared: (id: string) => string;
    /** The incident is stored, and Redis failed before the rest of the declaration: a later look finishes it. */
    readonly declaredCutShort: (id: string) => string;
    readonly updatePosted: string;
    readonly noteAdded: string;
    /** Saved in the intent stream; the fold had not finished when the answer went out. */
    readonly savedForFold: string;
    readonly severityChanged: string;
    readonly roleAssigned: string;
    readonly recoveryRecorded: string;
  };
  readonly replies: {
    readonly runQueued: (title: string, host: string) => string;
    readonly approvalPending: (title: string) => string;
    /** Added to a run's answer when its host has had workers but none is connected now. */
    readonly noWorkerNow: (host: string) => string;
    /** The run is recorded as queued, and Redis failed before it reached its host: a later look hands it over. */
    readonly runCutShort: (title: string, host: string) => string;
    /** The same for the runs of a "Run all". */
    readonly suiteCutShort: (count: number) => string;
    /** After `suiteCutShort`: the commands of the suite a failure came before, which were never asked for. */
    readonly suiteNotRecorded: (titles: string) => string;
    /** A run needing approval is requested, and Redis failed after its message was queued: approvers will see it. */
    readonly approvalCutShort: (title: string, host: string) => string;
    readonly declared: (id: string, channel: string) => string;
    readonly refused: string;
    readonly verificationTitle: string;
    readonly noVerification: string;
    readonly runAll: string;
    readonly verificationPassed: string;
    readonly verificationFailed: (commands: string) => string;
  };
  /** What went wrong while opening an incident in Slack, and how a workspace admin fixes it. */
  readonly setup: {
    /** Slack's reason a person could not be added to the channel, in words (the error name follows). */
    readonly inviteRefusal: (slackError: string) => string;
    readonly notInvited: (people: string) => string;
    readonly noChannel: (id: string, slackError: string, fix: string) => string;
    readonly privateNoChannel: (id: string, slackError: string, fix: string) => string;
    readonly channelFix: (slackError: string) => string;
    /** The fallback channel could not be joined either (private, archived, …). */
    readonly cannotJoin: (id: string, slackError: string) => string;
    readonly notAnnounced: (channel: string, slackError: string) => string;
    /** Slack refused the report summary in the stakeholders' channel; the report itself is in the incident channel. */
    readonly summaryNotPosted: (channel: string, slackError: string) => string;
    /** Slack would not let klaxon archive the incident channel on close (KLAXON_ARCHIVE_ON_CLOSE). */
    readonly notArchived: (id: string, slackError: string) => string;
  };
  readonly summary: {
    readonly title: (id: string) => string;
    readonly workers: string;
    readonly noWorkers: string;
    readonly online: string;
    readonly offline: string;
    readonly lastSeen: (ago: string) => string;
    readonly checklist: (done: number, total: number) => string;
  };
  /** Timeline notes (plain) and Slack posts (mrkdwn; `alert` is its title and origin, escaped) about alerts. */
  readonly alerts: {
    readonly resolvedNote: (title: string, origin: string, when: string) => string;
    readonly overflowNote: (title: string, origin: string, limit: number) => string;
    readonly repeatPost: (alert: string, quietMinutes: number) => string;
    readonly overflowPost: (alert: string, limit: number, quietMinutes: number) => string;
    readonly resolvedPost: (alert: string, when: string) => string;
  };
}

// The messages of one locale.
const CATALOGUE: Readonly<Record<Locale, Messages>> = { en, ja };
export const messages = (locale: Locale): Messages => CATALOGUE[locale];
