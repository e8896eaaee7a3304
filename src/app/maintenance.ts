// Scheduled maintenance (§10.1) and the golden-run canary as use cases: a firing starts a run, its entries go
// to the host one after another through the normal run queue (the worker re-checks each against the
// catalogue and its own policy, caps and redacts the output, and audits it), the §7.1 maintenance-log line
// closes the run, and a failed run or a drifted canary becomes an incident. Every step is idempotent: a
// redelivered firing or worker report changes nothing the first one did.
import { createHash } from 'node:crypto';
import { CANARY_DRIFT_LINK, canaryVerdict, formatDriftTable, parseCanaryOutput, type CanaryBaseline, type CanaryComparison, type CanaryMetrics, type CanaryVerdict } from '../domain/canary.js';
import type { RunResult } from '../domain/run-result.js';
import { canonicalParams, describeRefusal, resolveCommand } from '../domain/command-resolution.js';
import { addNote } from '../domain/incident-records.js';
import {
  failureAction, maintenanceLogParams, nextEntry, passedCount, planIncidentLink, planOutcome, recordEntry, recordLog, startPlanRun,
  type EntryStatus, type EntryUpdate, type PlanRun, type PlanTrigger,
} from '../domain/maintenance-run.js';
import { mayRun } from '../domain/policy.js';
import { err, ok, type Result } from '../domain/result.js';
import { CANARY_PLAN, findPlan, MAINTENANCE_LOG_COMMAND, scheduledPlans, SYSTEM_ACTOR, type EntrySlot, type ScheduledPlan } from '../domain/scheduled-work.js';
import type { Severity } from '../domain/severity.js';
import { apply } from './apply.js';
import { personOf, unknownGroupsNote } from './authorise.js';
import { declare } from './declare.js';
import type { CanaryResult, RunEvent, RunJobData } from './ports.js';
import { MAINTENANCE_INCIDENT_WORDS } from '../domain/maintenance-incident-words.js';
import { hostServed, unknownHostReason } from './host-served.js';
import { linkHolder, type LinkHolder } from './link-holder.js';
import type { IndexedLinkKey } from './links.js';
import type { Services } from './services.js';

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
/** Incidents klaxon's own checks open are declared by this automatic actor (it never counts as a responder). */
const DETECTOR = 'alert:maintenance';
const SNAPSHOT_CHARS = 4000;
// A declaration that finds its link taken joins the new holder; that one may be resolved by then, once or twice.
const DECLARE_ROUNDS = 3;

/** Makes the schedulers match the policy (every replica at start-up; a no-op when nothing changed). */
export async function syncMaintenance(services: Services): Promise<void> {
  const specs = scheduledPlans(services.policy.maintenance)
    .filter((p) => p.enabled)
    .map((p) => ({ planId: p.id, cron: p.cron, timeZone: p.timeZone ?? services.config.timeZone }));
  await services.schedules.sync(specs);
}

export type FireOutcome = { readonly kind: 'started'; readonly run: PlanRun } | { readonly kind: 'duplicate' | 'unknown_plan' | 'no_channel' };

/** One firing of a plan: a new run (once per due time), its summary, its first entry. */
export async function firePlan(services: Services, planId: string, trigger: PlanTrigger, at: number): Promise<FireOutcome> {
  const plan = findPlan(services.policy.maintenance, planId);
  if (plan === undefined) return { kind: 'unknown_plan' };
  const channel = plan.channel ?? services.config.opsChannel;
  if (channel === undefined) {
    services.logger.warn({ planId }, 'maintenance plan has no channel: set OPS_CHANNEL or the plan\'s channel');
    return { kind: 'no_channel' };
  }
  const run = startPlanRun(plan, trigger, at, { host: plan.host ?? services.config.workerHost, channel });
  if (!(await services.maintenance.create(run))) return { kind: 'duplicate' };
  const actor = trigger.kind === 'schedule' ? SYSTEM_ACTOR : trigger.by;
  await services.audit.append({ at: services.now(), actor, action: 'maintenance', decision: 'started', requestId: run.id, host: run.host, detail: `${plan.id} (${trigger.kind})` });
  services.logger.info({ runId: run.id, planId, trigger: trigger.kind }, 'maintenance run started');
  await services.effects.enqueue({ name: 'maintenance-summary', data: { runId: run.id } }, `maint-summary-${run.id}-start`);
  await advance(services, run.id);
  return { kind: 'started', run };
}

export type RunNowRefusal = { readonly code: 'forbidden'; readonly role: string; readonly groupsUnknown?: true } | { readonly code: 'unknown_plan' } | { readonly code: 'no_channel' } | { readonly code: 'running' };

/** "Run now": the policy's role decides; the run itself is the plan's, as on schedule. */
export async function runPlanNow(services: Services, planId: string, by: string): Promise<Result<PlanRun, RunNowRefusal>> {
  const { runNowRole } = services.policy.maintenance;
  const { person, groupsKnown } = await personOf(services, by);
  if (!mayRun(services.policy, by, person.groups, runNowRole)) {
    const refusal: RunNowRefusal = { code: 'forbidden', role: runNowRole, ...(groupsKnown ? {} : { groupsUnknown: true as const }) };
    await services.audit.append({ at: services.now(), actor: by, action: 'maintenance', decision: 'denied', requestId: `run-now-${planId}-${services.now()}`, detail: `role lacks ${runNowRole}${unknownGroupsNote(!groupsKnown)}` });
    return err(refusal);
  }
  const [last] = await services.maintenance.recent(planId, 1);
  if (last !== undefined && planOutcome(last) === 'running' && last.log === undefined) return err({ code: 'running' });
  const fired = await firePlan(services, planId, { kind: 'manual', by }, services.now());
  if (fired.kind === 'started') return ok(fired.run);
  if (fired.kind === 'duplicate') return err({ code: 'running' });
  return err({ code: fired.kind });
}

// Queues the next entry, or the closing log line, or finishes the run.
async function advance(services: Services, runId: string): Promise<void> {
  const run = await services.maintenance.get(runId);
  if (run === undefined) return;
  const plan = findPlan(services.policy.maintenance, run.planId);
  const index = nextEntry(run);
  if (index !== undefined) {
    const entry = run.entries[index];
    if (entry === undefined) return;
    await queueEntry(services, run, index, entry.command, entry.params, plan?.severity ?? 'low');
    return;
  }
  if (planOutcome(run) === 'running') return;
  if (run.log === undefined) {
    await queueEntry(services, run, 'log', MAINTENANCE_LOG_COMMAND, maintenanceLogParams(run), plan?.severity ?? 'low');
    return;
  }
  if (run.log === 'queued' || run.log === 'running') return;
  await finish(services, run);
}

async function queueEntry(services: Services, run: PlanRun, slot: EntrySlot, commandId: string, raw: Readonly<Record<string, string>>, severity: Severity): Promise<void> {
  const jobId = `${run.id}-${slot === 'log' ? 'log' : `e${slot}`}`;
  const audit = { at: services.now(), actor: SYSTEM_ACTOR, requestId: jobId, commandId, host: run.host };
  const record = (update: EntryUpdate) =>
    services.maintenance.update(run.id, (r) => (slot === 'log' ? recordLog(r, update.status) : recordEntry(r, slot, update, services.now())));
  const refuse = async (reason: string): Promise<void> => {
    await services.audit.append({ ...audit, action: 'run', decision: 'refused', detail: reason });
    await record({ status: 'refused', reason });
    await services.effects.enqueue({ name: 'maintenance-summary', data: { runId: run.id } }, `maint-summary-${jobId}-refused`);
    await advance(services, run.id);
  };
  const resolved = resolveCommand(services.catalogue, commandId, raw, { severity });
  if (!resolved.ok) return refuse(describeRefusal(resolved.error));
  // As for a person's run: a plan for a host no worker has ever served (a misspelt `host`) would wait for ever
  // and say nothing; refused, the run fails and its incident says why. A known host whose workers are away waits.
  const served = hostServed(await services.workers(), run.host);
  if (!served.ok) return refuse(unknownHostReason(served.error));
  const { spec, params } = resolved.value;
  const job: RunJobData = {
    runId: jobId,
    incidentId: run.id,
    commandId: spec.id,
    params,
    host: run.host,
    requestedBy: SYSTEM_ACTOR,
    severity,
    maintenance: { planId: run.planId, planRunId: run.id, slot },
  };
  const updated = await record({ status: 'queued', runId: jobId });
  // Another replica queued it first (a redelivered report): the job id makes a second add a no-op anyway.
  if (updated === undefined) return;
  await services.audit.append({ ...audit, action: 'run', decision: 'queued', paramsDigest: digest(canonicalParams(params)) });
  await services.runs.enqueue(job);
}

const statusOf = (event: RunEvent): EntryUpdate | undefined => {
  switch (event.kind) {
    case 'started':
      return { status: 'running' };
    case 'progress':
      return undefined;
    case 'finished': {
      const { outcome, exitCode, durationMs, outputDigest } = event.result;
      return { status: outcome, exitCode, durationMs, outputDigest };
    }
    case 'refused':
      return { status: 'refused', reason: event.reason };
    case 'unknown':
      return { status: 'unknown' as EntryStatus };
  }
};

/** A worker's report about a scheduled job: record it, re-render the summary, move the run on. */
export async function recordScheduledEvent(services: Services, event: RunEvent): Promise<void> {
  const scheduled = event.run.maintenance;
  const update = statusOf(event);
  if (scheduled === undefined || update === undefined) return;
  const { planRunId, slot } = scheduled;
  const canaryData = event.kind === 'finished' && scheduled.planId === CANARY_PLAN ? canaryFindings(services, event) : undefined;
  const updated = await services.maintenance.update(planRunId, (run) => {
    const next = slot === 'log' ? recordLog(run, update.status) : recordEntry(run, slot, update, event.at);
    return canaryData === undefined || next === run ? next : { ...next, canary: { ...next.canary, ...canaryData } };
  });
  if (updated === undefined) return;
  await services.effects.enqueue({ name: 'maintenance-summary', data: { runId: planRunId } }, `maint-summary-${event.run.runId}-${event.kind}`);
  await advance(services, planRunId);
}

// What a finished canary job says: the golden run's metrics, or the snapshot's text.
function canaryFindings(services: Services, event: RunEvent & { kind: 'finished' }): PlanRun['canary'] {
  const { canary } = services.policy.maintenance;
  if (event.run.commandId === canary.snapshot) return { snapshot: event.result.output.slice(0, SNAPSHOT_CHARS) };
  if (event.run.commandId !== canary.command) return {};
  if (event.result.outcome !== 'succeeded') return { error: `${event.run.commandId} ${event.result.outcome} (exit ${event.result.exitCode ?? '-'})` };
  const metrics = parseCanaryOutput(event.result.output);
  return metrics.ok ? { metrics: metrics.value } : { error: metrics.error };
}

// The run is over: judge the canary, then open or join an incident if it failed or drifted.
async function finish(services: Services, run: PlanRun): Promise<void> {
  const plan = findPlan(services.policy.maintenance, run.planId);
  if (run.planId === CANARY_PLAN) {
    await finishCanary(services, run);
    return;
  }
  if (run.incidentId !== undefined || plan === undefined) return;
  const link = planIncidentLink(run.planId);
  const holder = await linkHolder(services, link, run.planId);
  const action = failureAction(run, plan.severity, holder.open?.id);
  if (action.kind === 'none') return;
  const incidentId = action.kind === 'attach' ? action.incidentId : await joinOrDeclare(services, run, plan, { severity: action.severity, link, holder });
  if (incidentId === undefined) return;
  await attachResults(services, run, plan, incidentId, resultsText(services, run, plan));
}

async function finishCanary(services: Services, run: PlanRun): Promise<void> {
  if (run.canary?.verdict !== undefined) return;
  const { canary } = services.policy.maintenance;
  const found = run.canary ?? {};
  const baseline = await services.maintenance.baseline();
  const metrics: Result<NonNullable<typeof found.metrics>, string> =
    found.metrics !== undefined ? ok(found.metrics) : err(found.error ?? 'the golden run did not finish');
  const judged = canaryVerdict(metrics, baseline, canary.tolerance);
  // A drift the team resolved on purpose is adopted: the first run after the resolution is the new reference.
  const drift = await services.store.findByLink(CANARY_DRIFT_LINK, CANARY_PLAN);
  const resolvedAt = drift?.status === 'resolved' || drift?.status === 'closed' ? drift.resolvedAt : undefined;
  const adopted = judged.verdict === 'drift' && baseline !== undefined && resolvedAt !== undefined && resolvedAt > baseline.at;
  const verdict = adopted ? 'baseline' : judged.verdict;
  const stored = await services.maintenance.update(run.id, (r) =>
    r.canary?.verdict !== undefined
      ? r
      : { ...r, canary: { ...r.canary, verdict, ...(judged.verdict === 'good' || judged.verdict === 'drift' ? { comparison: judged.comparison } : {}), ...(baseline ? { baseline } : {}) } },
  );
  if (stored?.canary?.verdict !== verdict) return;
  await services.maintenance.setLastCanary({ runId: run.id, at: run.startedAt, outcome: verdict, ...(found.metrics ? { metrics: found.metrics } : {}), ...(found.snapshot ? { snapshot: found.snapshot } : {}) });
  await services.effects.enqueue({ name: 'maintenance-canary', data: { runId: run.id } }, `maint-canary-${run.id}`);
  services.logger.info({ runId: run.id, verdict }, 'canary judged');
  if ((verdict === 'good' || verdict === 'baseline') && found.metrics) {
    await services.maintenance.setBaseline({ metrics: found.metrics, at: run.startedAt, runId: run.id, ...(found.snapshot ? { snapshot: found.snapshot } : {}) });
    return;
  }
  const plan = findPlan(services.policy.maintenance, CANARY_PLAN) as ScheduledPlan;
  const link = verdict === 'drift' ? CANARY_DRIFT_LINK : planIncidentLink(CANARY_PLAN);
  const holder = await linkHolder(services, link, CANARY_PLAN);
  const severity = verdict === 'drift' ? canary.severity : canary.failureSeverity;
  const title = verdict === 'drift' ? MAINTENANCE_INCIDENT_WORDS[services.config.locale].driftTitle : undefined;
  const incidentId = await joinOrDeclare(services, run, plan, { severity, link, holder, ...(title === undefined ? {} : { title }) });
  if (incidentId === undefined) return;
  const text =
    judged.verdict === 'drift'
      ? driftText(services, judged.comparison, baseline?.snapshot, found.snapshot, baseline?.at)
      : resultsText(services, run, plan, found.error);
  await attachResults(services, run, plan, incidentId, text);
}

interface Declaration {
  readonly severity: Severity;
  readonly title?: string;
  /** The plan's failure or the canary's drift: the declared incident takes it in the step that stores it. */
  readonly link: IndexedLinkKey;
  /** Who held the link when the run looked: none, or a resolved or closed incident. */
  readonly holder: LinkHolder;
}

// One failure, one incident: the incident is stored with its link in one step, and only while the link still
// names the holder the run saw, so a bot that dies right after leaves an incident the next firing joins, and
// of two runs declaring at once the second finds the link taken and joins the first's incident.
async function joinOrDeclare(services: Services, run: PlanRun, plan: ScheduledPlan, declaration: Declaration): Promise<string | undefined> {
  const locale = services.config.locale;
  const { link, severity } = declaration;
  const title = declaration.title ?? MAINTENANCE_INCIDENT_WORDS[locale].failedTitle(plan.title[locale]);
  const request = { severity, title, source: 'alert', host: run.host, by: DETECTOR, key: `maintenance-${run.id}` } as const;
  let { holder } = declaration;
  for (let round = 0; round < DECLARE_ROUNDS; round += 1) {
    if (holder.open) return holder.open.id;
    const declared = await declare(services, request, { key: link, value: plan.id, replaces: holder.replaces });
    if (declared.ok) return declared.value.id;
    if (declared.error.code !== 'taken') {
      services.logger.error({ runId: run.id, error: declared.error }, 'could not declare the maintenance incident');
      return undefined;
    }
    holder = await linkHolder(services, link, plan.id);
  }
  throw new Error(`${run.id}: the incident of ${link} changed hands ${DECLARE_ROUNDS} times while declaring`);
}

// The results go on the incident's timeline (and so into its report) and into its channel; the run remembers
// the incident so its summary links to it.
async function attachResults(services: Services, run: PlanRun, _plan: ScheduledPlan, incidentId: string, text: string): Promise<void> {
  const key = `maintenance-results-${run.id}`;
  const noted = await apply(services, incidentId, (i) => addNote(i, text, { by: DETECTOR, at: services.now(), key }), key);
  if (noted.ok && !noted.value.duplicate) await services.effects.enqueue({ name: 'note', data: { incidentId, text } }, `maint-note-${run.id}`);
  await services.maintenance.update(run.id, (r) => (r.incidentId === undefined ? { ...r, incidentId } : r));
  await services.effects.enqueue({ name: 'maintenance-summary', data: { runId: run.id } }, `maint-summary-${run.id}-incident`);
}

function resultsText(services: Services, run: PlanRun, plan: ScheduledPlan, error?: string): string {
  const locale = services.config.locale;
  const head = MAINTENANCE_INCIDENT_WORDS[locale].resultsHead(plan.title[locale], passedCount(run), run.entries.length, run.id);
  const lines = run.entries.map((e) => `- ${e.command}: ${e.status}${e.exitCode === undefined || e.exitCode === null ? '' : ` (exit ${e.exitCode})`}${e.outputDigest ? ` sha256 ${e.outputDigest.slice(0, 12)}` : ''}${e.reason ? ` — ${e.reason}` : ''}`);
  return [head, ...lines, ...(error ? [error] : [])].join('\n');
}

function driftText(services: Services, comparison: CanaryComparison, before?: string, after?: string, baselineAt?: number): string {
  const locale = services.config.locale;
  const w = MAINTENANCE_INCIDENT_WORDS[locale];
  const cut = (text: string | undefined) => (text ?? w.none).slice(0, 1500);
  const since = baselineAt === undefined ? '' : ` (${new Date(baselineAt).toISOString()})`;
  return [
    w.driftIntro(since),
    '```',
    formatDriftTable(comparison.rows, locale),
    '```',
    w.snapshotBefore,
    '```',
    cut(before),
    '```',
    w.snapshotAfter,
    '```',
    cut(after),
    '```',
  ].join('\n');
}

export interface MaintenanceOverview {
  readonly plans: readonly { readonly plan: ScheduledPlan; readonly next?: number; readonly last?: PlanRun }[];
  readonly canary: { readonly plan: ScheduledPlan; readonly next?: number; readonly last?: CanaryResult; readonly baselineAt?: number };
  readonly mayRunNow: boolean;
  readonly runNowRole: string;
}

/** What `/incident maintenance` shows a person: the plans, the canary, and whether they may press "Run now". */
export async function maintenanceOverview(services: Services, by: string): Promise<MaintenanceOverview> {
  const next = await services.schedules.next();
  const all = scheduledPlans(services.policy.maintenance);
  const plans = await Promise.all(
    all
      .filter((p) => p.id !== CANARY_PLAN)
      .map(async (plan) => {
        const [last] = await services.maintenance.recent(plan.id, 1);
        const at = next.get(plan.id);
        return { plan, ...(at === undefined ? {} : { next: at }), ...(last === undefined ? {} : { last }) };
      }),
  );
  const canaryPlan = all.find((p) => p.id === CANARY_PLAN) as ScheduledPlan;
  const [last, baseline] = [await services.maintenance.lastCanary(), await services.maintenance.baseline()];
  const canaryNext = next.get(CANARY_PLAN);
  const { runNowRole } = services.policy.maintenance;
  return {
    plans,
    canary: { plan: canaryPlan, ...(canaryNext === undefined ? {} : { next: canaryNext }), ...(last ? { last } : {}), ...(baseline ? { baselineAt: baseline.at } : {}) },
    mayRunNow: mayRun(services.policy, by, (await personOf(services, by)).person.groups, runNowRole),
    runNowRole,
  };
}

export interface GoldenRunJudgement {
  readonly verdict: CanaryVerdict;
  readonly baseline?: CanaryBaseline;
}

/**
 * The §8 suite's canary step inside an incident: the same comparison with the last good run, which it never
 * replaces (a system under repair is no reference).
 */
export async function judgeGoldenRun(services: Services, result: RunResult): Promise<GoldenRunJudgement> {
  const baseline = await services.maintenance.baseline();
  const metrics: Result<CanaryMetrics, string> =
    result.outcome === 'succeeded' ? parseCanaryOutput(result.output) : err(`${result.commandId} ${result.outcome} (exit ${result.exitCode ?? '-'})`);
  return { verdict: canaryVerdict(metrics, baseline, services.policy.maintenance.canary.tolerance), ...(baseline ? { baseline } : {}) };
}
