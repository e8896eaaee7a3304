// The policy's scheduled work: the §10.1 maintenance plans and the golden-run canary. The defaults
// reproduce §10.1 (weekly: health check, log rotation, cache clean-up; monthly: full diagnosis, parameter
// review, security audit); the runbook gives no times, so they run early on a weekday morning, team time.
import { z } from 'zod';
import type { Catalogue, Risk } from './catalogue.js';
import { resolveCommand, describeRefusal } from './command-resolution.js';
import { checkCron } from './cron.js';
import type { Bilingual } from './locale.js';
import { SEVERITIES, type Severity } from './severity.js';
import { isTimeZone } from './time.js';

/** One catalogue command of a plan, with the parameter values it runs with. */
export interface PlanEntry {
  readonly command: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface MaintenancePlan {
  /** Lowercase words joined by '-': it names the scheduler and the plan in Slack and the audit stream. */
  readonly id: string;
  readonly title: Bilingual;
  /** The runbook section it reproduces, when it does (e.g. '§10.1-1'). */
  readonly runbook?: string;
  /** A cron pattern (see checkCron) read in `timeZone`. */
  readonly cron: string;
  /** IANA zone of the cron pattern; the team zone (KLAXON_TIMEZONE) when absent. */
  readonly timeZone?: string;
  readonly entries: readonly PlanEntry[];
  /** The backtest host (WORKER_HOST name) it runs on; the bot's WORKER_HOST when absent. */
  readonly host?: string;
  /** Slack channel (id or name) of its summary; OPS_CHANNEL when absent. */
  readonly channel?: string;
  /** Severity of the incident a failed run opens (§7.1: a maintenance finding is a low incident). */
  readonly severity: Severity;
  readonly enabled: boolean;
}

export const CANARY_METRICS = ['totalReturn', 'maxDrawdown', 'sharpeRatio', 'tradeCount', 'tradeListDigest'] as const;
export type CanaryMetric = (typeof CANARY_METRICS)[number];
export type NumericCanaryMetric = Exclude<CanaryMetric, 'tradeListDigest'>;

/** Which metrics are compared: a number is the largest absolute difference still counted as equal. */
export interface CanaryTolerance {
  readonly totalReturn?: number;
  readonly maxDrawdown?: number;
  readonly sharpeRatio?: number;
  readonly tradeCount?: number;
  /** true: the trade list must be identical (same sha256 of its normalised rows). */
  readonly tradeListDigest?: boolean;
}

export interface CanaryPolicy {
  readonly enabled: boolean;
  readonly cron: string;
  readonly timeZone?: string;
  readonly host?: string;
  readonly channel?: string;
  /** The catalogue command of the pinned reference run and its parameter values. */
  readonly command: string;
  readonly params: Readonly<Record<string, string>>;
  /** A catalogue command whose output is the host's reproducibility snapshot, run next to the canary. */
  readonly snapshot?: string;
  readonly tolerance: CanaryTolerance;
  /** Severity of a drift incident; a canary that cannot run at all opens one of `failureSeverity`. */
  readonly severity: Severity;
  readonly failureSeverity: Severity;
}

export interface MaintenancePolicy {
  readonly plans: readonly MaintenancePlan[];
  /** Who may press "Run now": the people the roles rule allows to run commands of this risk. */
  readonly runNowRole: Risk;
  readonly canary: CanaryPolicy;
}

const entries = (...commands: string[]): PlanEntry[] => commands.map((command) => ({ command, params: {} }));

export const defaultPlans: readonly MaintenancePlan[] = [
  {
    id: 'weekly',
    title: { en: 'Weekly preventive maintenance', ja: '週次予防メンテナンス' },
    runbook: '§10.1-1',
    cron: '0 6 * * 1',
    entries: entries('system.health-check', 'logs.rotate', 'cache.cleanup'),
    severity: 'low',
    enabled: true,
  },
  {
    id: 'monthly',
    title: { en: 'Monthly comprehensive maintenance', ja: '月次総合メンテナンス' },
    runbook: '§10.1-2',
    cron: '0 7 1 * *',
    entries: entries('system.full-diagnostic', 'params.review', 'security.audit'),
    severity: 'low',
    enabled: true,
  },
];

export const defaultCanary: CanaryPolicy = {
  enabled: true,
  cron: '30 5 * * *',
  command: 'canary.golden-run',
  params: {},
  snapshot: 'host.snapshot',
  tolerance: { totalReturn: 0.0001, maxDrawdown: 0.0001, sharpeRatio: 0.001, tradeCount: 0, tradeListDigest: true },
  severity: 'medium',
  failureSeverity: 'low',
};

export const defaultMaintenance: MaintenancePolicy = { plans: defaultPlans, runNowRole: 'mutating', canary: defaultCanary };

const PLAN_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const CHANNEL = /^(?:[CG][A-Z0-9]{2,}|#?[a-z0-9][a-z0-9._-]{0,79})$/;

const cron = z.string().transform((text, ctx) => {
  const checked = checkCron(text);
  if (checked.ok) return checked.value;
  ctx.addIssue({ code: 'custom', message: `cron: ${checked.error}` });
  return z.NEVER;
});
const timeZone = z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Tokyo');
const host = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'expected a WORKER_HOST name');
const channel = z.string().regex(CHANNEL, "expected a Slack channel id ('C…') or name ('ops')");
const severity = z.enum(SEVERITIES);
const params = z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({});

const entry = z.union([
  z.string().min(1).transform((command): PlanEntry => ({ command, params: {} })),
  z.strictObject({ command: z.string().min(1), params }),
]);

const plan = z.strictObject({
  title: z.strictObject({ en: z.string().min(1), ja: z.string().min(1) }),
  runbook: z.string().min(1).optional(),
  cron,
  timeZone: timeZone.optional(),
  entries: z.array(entry).min(1),
  host: host.optional(),
  channel: channel.optional(),
  severity: severity.default('low'),
  enabled: z.boolean().default(true),
});

const canary = z.strictObject({
  enabled: z.boolean().default(defaultCanary.enabled),
  cron: cron.default(defaultCanary.cron),
  timeZone: timeZone.optional(),
  host: host.optional(),
  channel: channel.optional(),
  command: z.string().min(1).default(defaultCanary.command),
  params,
  // null: no snapshot (a host without the helper).
  snapshot: z.string().min(1).nullable().default('host.snapshot'),
  tolerance: z
    .strictObject({
      totalReturn: z.number().nonnegative().optional(),
      maxDrawdown: z.number().nonnegative().optional(),
      sharpeRatio: z.number().nonnegative().optional(),
      tradeCount: z.number().int().nonnegative().optional(),
      tradeListDigest: z.boolean().optional(),
    })
    .refine((t) => Object.values(t).some((v) => v !== undefined && v !== false), 'compare at least one metric')
    .default({ ...defaultCanary.tolerance }),
  severity: severity.default(defaultCanary.severity),
  failureSeverity: severity.default(defaultCanary.failureSeverity),
});

const plansById = z.record(z.string(), plan).superRefine((plans, ctx) => {
  for (const id of Object.keys(plans)) {
    if (!PLAN_ID.test(id)) ctx.addIssue({ code: 'custom', path: [id], message: "a plan id is lowercase words joined by '-' (e.g. weekly)" });
  }
});

/** The `maintenance` section of the policy file (docs/policy.md); absent parts keep the defaults above. */
export const maintenanceSchema = z
  .strictObject({
    // Given, the plans replace the defaults entirely: `plans: {}` turns scheduled maintenance off.
    plans: plansById.optional(),
    runNowRole: z.enum(['read-only', 'mutating', 'destructive']).default(defaultMaintenance.runNowRole),
    canary: canary.default({ ...defaultCanary, snapshot: defaultCanary.snapshot ?? null, params: {}, tolerance: { ...defaultCanary.tolerance } }),
  })
  .transform(
    (m): MaintenancePolicy => ({
      plans: m.plans === undefined ? defaultPlans : Object.entries(m.plans).map(([id, p]) => withoutUndefined({ id, ...p }) as MaintenancePlan),
      runNowRole: m.runNowRole,
      canary: withoutUndefined({ ...m.canary, snapshot: m.canary.snapshot ?? undefined }) as CanaryPolicy,
    }),
  );

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Problems of the plans and the canary against the catalogue the worker will use: unknown commands,
 * parameters the catalogue refuses, and commands that need a second person's approval (nobody is there
 * to give it at 06:00 on a Monday).
 * @example checkScheduledWork(defaultMaintenance, catalogue) //=> []
 */
export function checkScheduledWork(maintenance: MaintenancePolicy, catalogue: Catalogue): string[] {
  const check = (where: string, command: string, values: Readonly<Record<string, string>>): string[] => {
    const resolved = resolveCommand(catalogue, command, values, {});
    if (!resolved.ok) return [`${where}: ${describeRefusal(resolved.error)}`];
    return resolved.value.spec.requiresApproval ? [`${where}: ${command} needs a second person's approval, which a schedule cannot give`] : [];
  };
  const problems = maintenance.plans.flatMap((p) => p.entries.flatMap((e, i) => check(`maintenance.plans.${p.id}.entries.${i}`, e.command, e.params)));
  const { canary: c } = maintenance;
  if (!c.enabled) return problems;
  problems.push(...check('maintenance.canary.command', c.command, c.params));
  if (c.snapshot !== undefined) problems.push(...check('maintenance.canary.snapshot', c.snapshot, {}));
  return problems;
}
