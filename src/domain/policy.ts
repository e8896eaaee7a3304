// The team's policy (KLAXON_POLICY): SLA targets, reminders, the §11.1 ladder, who is invited, who may run
// what. Every field has a default, and the defaults reproduce the runbook.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Risk } from './catalogue.js';
import type { Bilingual } from './locale.js';
import { defaultMaintenance, maintenanceSchema, type MaintenancePolicy } from './maintenance-policy.js';
import { err, ok, type Result } from './result.js';
import type { Severity } from './severity.js';
import { DEFAULT_SLA, type SlaTargets } from './sla.js';
import { isTimeZone } from './time.js';

/** A Slack user (`U…`/`W…`) or user group (`S…`). */
export type SlackRef = { readonly user: string } | { readonly usergroup: string };

/** When a level takes calls: always; 24 h only for critical (else business hours); business hours only. */
export type LevelHours = 'always' | 'always-if-critical' | 'business-or-critical' | 'business';

export interface EscalationLevelPolicy {
  readonly level: 1 | 2 | 3;
  readonly name: Bilingual;
  readonly members: readonly SlackRef[];
  readonly hours: LevelHours;
}

export interface BusinessHours {
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
  readonly open: string;
  readonly close: string;
  /** The zone the hours and holidays are in; the team zone (KLAXON_TIMEZONE) when absent. */
  readonly timeZone?: string;
}

export interface Policy {
  readonly sla: Readonly<Record<Severity, SlaTargets>>;
  readonly reminders: { readonly atFractions: readonly number[] };
  readonly interimReportMinutes: Readonly<Record<Severity, number | null>>;
  readonly escalation: { readonly levels: readonly [EscalationLevelPolicy, EscalationLevelPolicy, EscalationLevelPolicy] };
  readonly responders: Readonly<Record<Severity, readonly SlackRef[]>>;
  readonly roles: { readonly mutating: readonly SlackRef[]; readonly destructive: readonly SlackRef[]; readonly approvers: readonly SlackRef[] };
  /**
   * Who besides the commander may resolve, close, reopen, lower the severity and assign roles
   * (`responders`; empty = everyone the policy names elsewhere), and who may ask for an approval
   * (`requestApproval`; empty = those same responders).
   */
  readonly authority: { readonly responders: readonly SlackRef[]; readonly requestApproval: readonly SlackRef[] };
  readonly approvalTtlMinutes: number;
  readonly businessHours: BusinessHours;
  /** `yyyy-MM-dd` dates in the business-hours zone. */
  readonly holidays: readonly string[];
  /** §10.1 plans, "Run now", and the golden-run canary (src/domain/maintenance-policy.ts). */
  readonly maintenance: MaintenancePolicy;
  /** Take the host's reproducibility snapshot at declaration and at resolve (when its worker is online). */
  readonly hostSnapshots: boolean;
}

// Runbook §1.2 targets, §11.1 ladder (contacts are blank there, so no members), Mon–Fri 09:00–18:00.
export const defaultPolicy: Policy = {
  sla: DEFAULT_SLA,
  reminders: { atFractions: [0.5, 0.8] },
  interimReportMinutes: { critical: 30, high: 60, medium: 240, low: null },
  escalation: {
    levels: [
      { level: 1, name: { en: 'Operations', ja: '運用担当者' }, members: [], hours: 'always' },
      { level: 2, name: { en: 'System administrators', ja: 'システム管理者' }, members: [], hours: 'always-if-critical' },
      { level: 3, name: { en: 'Development team', ja: '開発チーム' }, members: [], hours: 'business-or-critical' },
    ],
  },
  responders: { critical: [], high: [], medium: [], low: [] },
  roles: { mutating: [], destructive: [], approvers: [] },
  authority: { responders: [], requestApproval: [] },
  approvalTtlMinutes: 15,
  businessHours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
  holidays: [],
  maintenance: defaultMaintenance,
  hostSnapshots: true,
};

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const REF_HINT = "a Slack user id ('U…'), a user group id ('S…'), {user: 'U…'} or {usergroup: 'S…'}";

const slackRef = z.unknown().transform((value, ctx): SlackRef => {
  if (typeof value === 'string' && USER_ID.test(value)) return { user: value };
  if (typeof value === 'string' && GROUP_ID.test(value)) return { usergroup: value };
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 1) {
    const { user, usergroup } = value as { user?: unknown; usergroup?: unknown };
    if (typeof user === 'string' && USER_ID.test(user)) return { user };
    if (typeof usergroup === 'string' && GROUP_ID.test(usergroup)) return { usergroup };
  }
  ctx.addIssue({ code: 'custom', message: `expected ${REF_HINT}, got ${JSON.stringify(value)}` });
  return z.NEVER;
});
const members = z.array(slackRef);

const minutes = z.number().int().positive();
const slaTargets = z
  .strictObject({ responseMinutes: minutes, recoveryMinutes: minutes })
  .refine((t) => t.responseMinutes <= t.recoveryMinutes, { message: 'responseMinutes must not exceed recoveryMinutes', path: ['responseMinutes'] });

const slaPerSeverity = z.strictObject({
  critical: slaTargets.default(DEFAULT_SLA.critical),
  high: slaTargets.default(DEFAULT_SLA.high),
  medium: slaTargets.default(DEFAULT_SLA.medium),
  low: slaTargets.default(DEFAULT_SLA.low),
});

const cadence = minutes.nullable();
const interimPerSeverity = z.strictObject({
  critical: cadence.default(defaultPolicy.interimReportMinutes.critical),
  high: cadence.default(defaultPolicy.interimReportMinutes.high),
  medium: cadence.default(defaultPolicy.interimReportMinutes.medium),
  low: cadence.default(defaultPolicy.interimReportMinutes.low),
});

const membersPerSeverity = z.strictObject({
  critical: members.default([]),
  high: members.default([]),
  medium: members.default([]),
  low: members.default([]),
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time 'HH:mm'");


const isCalendarDate = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const level = (n: 1 | 2 | 3) =>
  z.strictObject({
    level: z.literal(n),
    name: z.strictObject({ en: z.string().min(1), ja: z.string().min(1) }),
    members: members.default([]),
    hours: z.enum(['always', 'always-if-critical', 'business-or-critical', 'business']),
  });

const [L1, L2, L3] = defaultPolicy.escalation.levels;

const policySchema = z.strictObject({
  sla: slaPerSeverity.default(DEFAULT_SLA),
  reminders: z
    .strictObject({ atFractions: z.array(z.number().gt(0).lt(1)) })
    .default({ atFractions: [...defaultPolicy.reminders.atFractions] }),
  interimReportMinutes: interimPerSeverity.default(defaultPolicy.interimReportMinutes),
  escalation: z
    .strictObject({ levels: z.tuple([level(1), level(2), level(3)]) })
    .default({ levels: [{ ...L1, members: [] }, { ...L2, members: [] }, { ...L3, members: [] }] }),
  responders: membersPerSeverity.default({ critical: [], high: [], medium: [], low: [] }),
  roles: z
    .strictObject({ mutating: members.default([]), destructive: members.default([]), approvers: members.default([]) })
    .default({ mutating: [], destructive: [], approvers: [] }),
  authority: z
    .strictObject({ responders: members.default([]), requestApproval: members.default([]) })
    .default({ responders: [], requestApproval: [] }),
  approvalTtlMinutes: minutes.default(defaultPolicy.approvalTtlMinutes),
  businessHours: z
    .strictObject({
      days: z.array(z.number().int().min(1).max(7)).min(1),
      open: clockTime,
      close: clockTime,
      timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Tokyo').optional(),
    })
    .refine((h) => h.open < h.close, { message: 'open must be before close', path: ['close'] })
    .default({ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }),
  holidays: z.array(z.string().refine(isCalendarDate, "expected a date 'yyyy-MM-dd'")).default([]),
  maintenance: maintenanceSchema.default(defaultMaintenance),
  hostSnapshots: z.boolean().default(true),
});

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

function readText(text: string, format: 'json' | 'yaml'): Result<unknown, string[]> {
  if (format === 'json') {
    try {
      return ok(JSON.parse(text) as unknown);
    } catch (error) {
      return err([`json: ${error instanceof Error ? error.message : String(error)}`]);
    }
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) return err(document.errors.map((e) => `yaml: ${firstLine(e.message)}`));
  return ok(document.toJS() as unknown);
}

/**
 * Reads a policy file; absent fields take the defaults, unknown keys are errors (typos), and every
 * problem is reported at once with its path.
 * @example parsePolicy('approvalTtlMinutes: 0', 'yaml') //=> { ok: false, error: ['approvalTtlMinutes: Too small: expected number to be >0'] }
 */
export function parsePolicy(text: string, format: 'json' | 'yaml'): Result<Policy, string[]> {
  const read = readText(text, format);
  if (!read.ok) return read;
  const parsed = policySchema.safeParse(read.value ?? {});
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)));
}

// The §1.2 targets in force for a severity.
export const slaFor = (policy: Policy, severity: Severity): SlaTargets => policy.sla[severity];

/** Whether a person is one of these references, by id or through one of their user groups. */
export const matchesRef = (refs: readonly SlackRef[], userId: string, userGroups: readonly string[]): boolean =>
  refs.some((ref) => ('user' in ref ? ref.user === userId : userGroups.includes(ref.usergroup)));


/**
 * Whether a person may run a command of this risk: read-only anyone; mutating the `roles.mutating` people
 * (anyone while that list is empty); destructive only the `roles.destructive` people.
 * @example mayRun(defaultPolicy, 'U1', [], 'destructive') //=> false
 */
export function mayRun(policy: Policy, userId: string, userGroups: readonly string[], risk: Risk): boolean {
  switch (risk) {
    case 'read-only':
      return true;
    case 'mutating':
      return policy.roles.mutating.length === 0 || matchesRef(policy.roles.mutating, userId, userGroups);
    case 'destructive':
      return matchesRef(policy.roles.destructive, userId, userGroups);
  }
}

// The second pair of eyes: `roles.approvers`, or the destructive role when that is empty.
export const approversOf = (policy: Policy): readonly SlackRef[] =>
  policy.roles.approvers.length > 0 ? policy.roles.approvers : policy.roles.destructive;

// Whether a person may be the second pair of eyes.
export function mayApprove(policy: Policy, userId: string, userGroups: readonly string[]): boolean {
  return matchesRef(approversOf(policy), userId, userGroups);
}

/** Everyone a severity's declaration invites (`responders`), as given. */
export const respondersFor = (policy: Policy, severity: Severity): readonly SlackRef[] => policy.responders[severity];
