// A failed maintenance run or a drifted canary opens one incident, which later failures of the same plan (or
// later drifts) join. A bot that dies, or loses Redis, part-way through opening it must not leave an incident
// that the next firing cannot find: that firing would open a second one for the same failure, and the first
// one might never get its channel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firePlan, recordScheduledEvent, runPlanNow } from '../../src/app/maintenance.js';
import type { IndexedLinkKey } from '../../src/app/links.js';
import type { RunJobData } from '../../src/app/ports.js';
import type { Services } from '../../src/app/services.js';
import { CANARY_DRIFT_LINK, canaryLine } from '../../src/domain/canary.js';
import { planIncidentLink } from '../../src/domain/maintenance-run.js';
import { defaultMaintenance } from '../../src/domain/maintenance-policy.js';
import type { RunOutcome } from '../../src/domain/run-result.js';
import { CANARY_PLAN } from '../../src/domain/scheduled-work.js';
import { diesQueueingSetup } from '../support/dies-queueing-setup.js';
import { died, diedOf, dyingAt as dyingAtCall } from '../support/dying-at.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const OPS = 'C0OPS';
const maintenance = {
  ...defaultMaintenance,
  plans: [
    {
      id: 'nightly',
      title: { en: 'Nightly check', ja: '夜間チェック' },
      cron: '0 3 * * *',
      entries: [{ command: 'system.health-check', params: {} }],
      severity: 'low' as const,
      enabled: true,
      channel: OPS,
    },
  ],
  canary: { ...defaultMaintenance.canary, channel: OPS },
};
const GOOD = { totalReturn: 0.1234, maxDrawdown: 0.0456, sharpeRatio: 1.25, tradeCount: 12 };
const DRIFTED = { ...GOOD, tradeCount: 14 };
const DAY = 24 * 60 * 60 * 1000;
// A run makes a few dozen port calls; more would be a loop.
const MAX_CALLS = 500;

let w: UseCaseWorld;
const fresh = () => {
  w = useCaseWorld({ policy: { maintenance } });
};
beforeEach(fresh);
afterEach(async () => w.stop());

/** What the host reports for a job: the canary's golden run prints its metrics, everything else only fails or passes. */
type Host = (job: RunJobData) => { readonly outcome: RunOutcome; readonly output: string };
const failing: Host = (job) => ({ outcome: job.maintenance?.slot === 'log' ? 'succeeded' : 'failed', output: '' });
const drifting: Host = (job) => ({ outcome: 'succeeded', output: job.commandId === maintenance.canary.command ? canaryLine(DRIFTED) : 'commit abc123' });

/** Answers the jobs of a run that `host` is given, one after another, as the worker and the effect queue would. */
async function answer(services: Services, runId: string, host: Host, given: (job: RunJobData) => boolean = () => true): Promise<void> {
  const reported = new Set<string>();
  for (;;) {
    const job = w.asked.runs.find((r) => r.maintenance?.planRunId === runId && !reported.has(r.runId) && given(r));
    if (job === undefined) return;
    reported.add(job.runId);
    const { outcome, output } = host(job);
    const result = { commandId: job.commandId, outcome, exitCode: outcome === 'succeeded' ? 0 : 1, durationMs: 5, output, outputBytes: output.length, truncatedBytes: 0, outputDigest: 'd'.repeat(64), files: [] };
    await recordScheduledEvent(services, { kind: 'finished', run: job, at: w.clock.now, result, artifacts: [] });
  }
}

async function start(services: Services, planId: string): Promise<string> {
  const fired = await firePlan(services, planId, { kind: 'schedule' }, w.clock.now);
  if (fired.kind !== 'started') throw new Error(`the plan did not start: ${fired.kind}`);
  return fired.run.id;
}

/** One firing of a plan on `services`, run to its end; rejects as soon as the bot dies. */
async function fire(services: Services, planId: string, host: Host): Promise<string> {
  const runId = await start(services, planId);
  await answer(services, runId, host);
  return runId;
}

/** A firing on a bot that dies: resolves whether or not it died, rejects on anything else. */
const fireDying = (services: Services, planId: string, host: Host): Promise<unknown> =>
  fire(services, planId, host).catch((error: unknown) => (diedOf(error) ? undefined : Promise.reject(error)));

// Every port a run reaches.
const dyingAt = (at: number) => dyingAtCall(w.services, ['store', 'effects', 'clockJobs', 'once', 'maintenance', 'runs', 'audit'], at);

const setupsQueued = () => new Set(w.asked.effects.filter((e) => e.job.name === 'setup').map((e) => e.jobId));

/** Exactly one incident exists; it holds the link, the last run joined it, and its setup is queued. */
async function expectOneIncident(link: IndexedLinkKey, value: string, lastRun: string): Promise<void> {
  const incidents = await w.services.store.listRecent(10);
  expect(incidents.map((i) => i.id)).toHaveLength(1);
  const [incident] = incidents;
  expect((await w.services.store.findByLink(link, value))?.id).toBe(incident?.id);
  expect((await w.services.maintenance.get(lastRun))?.incidentId).toBe(incident?.id);
  expect(setupsQueued()).toEqual(new Set([`setup-${incident?.id}`]));
}

describe('a failed maintenance run whose incident was cut short', () => {
  it('is joined by the next failure when the bot died after storing the incident and before queueing its setup', async () => {
    await expect(fire(diesQueueingSetup(w.services), 'nightly', failing)).rejects.toThrow('the bot died here');
    expect(await w.services.store.listRecent(10)).toHaveLength(1);

    w.clock.now += DAY;
    await expectOneIncident(planIncidentLink('nightly'), 'nightly', await fire(w.services, 'nightly', failing));
  });

  it('is joined by the next failure when Redis failed after the incident and its setup were stored', async () => {
    await fireDying({ ...w.services, store: { ...w.services.store, setLink: () => Promise.reject(died) } }, 'nightly', failing);

    w.clock.now += DAY;
    await expectOneIncident(planIncidentLink('nightly'), 'nightly', await fire(w.services, 'nightly', failing));
  });

  it('makes one incident wherever in the run the bot dies', { timeout: 60_000 }, async () => {
    // Every place is tried, the last one being past the run's last port call: a bot that dies nowhere.
    let diedSomewhere = true;
    for (let at = 0; diedSomewhere && at < MAX_CALLS; at += 1) {
      await w.stop();
      fresh();
      const dying = dyingAt(at);
      await fireDying(dying.services, 'nightly', failing);
      w.clock.now += DAY;
      await expectOneIncident(planIncidentLink('nightly'), 'nightly', await fire(w.services, 'nightly', failing));
      diedSomewhere = dying.reached();
    }
    expect(diedSomewhere).toBe(false);
  });

  it('makes one incident when two runs of the plan fail at the same moment', async () => {
    const beforeLog = (job: RunJobData) => job.maintenance?.slot !== 'log';
    const first = await start(w.services, 'nightly');
    await answer(w.services, first, failing, beforeLog);
    w.clock.now += 1000;
    const second = await start(w.services, 'nightly');
    await answer(w.services, second, failing, beforeLog);

    await Promise.all([answer(w.services, first, failing), answer(w.services, second, failing)]);

    await expectOneIncident(planIncidentLink('nightly'), 'nightly', second);
    expect((await w.services.maintenance.get(first))?.incidentId).toBe((await w.services.maintenance.get(second))?.incidentId);
  });
});

describe('a canary drift whose incident was cut short', () => {
  const withBaseline = () => w.services.maintenance.setBaseline({ metrics: GOOD, at: w.clock.now - DAY, runId: 'mnt-canary-0' });

  it('is joined by the next drift when the bot died after storing the incident and before queueing its setup', async () => {
    await withBaseline();
    await expect(fire(diesQueueingSetup(w.services), CANARY_PLAN, drifting)).rejects.toThrow('the bot died here');
    expect(await w.services.store.listRecent(10)).toHaveLength(1);

    w.clock.now += DAY;
    await expectOneIncident(CANARY_DRIFT_LINK, CANARY_PLAN, await fire(w.services, CANARY_PLAN, drifting));
  });

  it('makes one incident wherever in the run the bot dies', { timeout: 60_000 }, async () => {
    let diedSomewhere = true;
    for (let at = 0; diedSomewhere && at < MAX_CALLS; at += 1) {
      await w.stop();
      fresh();
      await withBaseline();
      const dying = dyingAt(at);
      await fireDying(dying.services, CANARY_PLAN, drifting);
      w.clock.now += DAY;
      await expectOneIncident(CANARY_DRIFT_LINK, CANARY_PLAN, await fire(w.services, CANARY_PLAN, drifting));
      diedSomewhere = dying.reached();
    }
    expect(diedSomewhere).toBe(false);
  });
});

// A plan whose `host` no worker has ever served (a misspelt name) used to queue its entries for that host, where
// they waited for ever and the run never finished, so nothing told anyone.
describe('a plan for a host no worker has served', () => {
  const onHost = (host: string) => ({ maintenance: { ...maintenance, plans: maintenance.plans.map((p) => ({ ...p, host })) } });

  it('refuses its entries, says why, and opens the plan’s incident instead of waiting', async () => {
    await w.stop();
    w = useCaseWorld({ policy: onHost('backtset-1') });
    const runId = await start(w.services, 'nightly');

    expect(w.asked.runs).toEqual([]);
    const run = await w.services.maintenance.get(runId);
    expect(run?.entries.map((e) => [e.status, e.reason])).toEqual([['refused', 'no worker has served backtset-1 (hosts with workers: backtest-1)']]);
    expect(run?.log).toBe('refused');
    const incidents = await w.services.store.listRecent(10);
    expect(incidents).toHaveLength(1);
    expect(run?.incidentId).toBe(incidents[0]?.id);
    const refusals = (await w.services.audit.read({ count: 50 })).filter((e) => e.decision === 'refused');
    expect(refusals.map((e) => e.host)).toEqual(['backtset-1', 'backtset-1']);
  });

  it('queues them for a known host whose workers are away: they wait for one', async () => {
    await w.stop();
    w = useCaseWorld({ policy: onHost('backtest-1'), workers: [{ host: 'backtest-1', online: false }] });
    const runId = await start(w.services, 'nightly');

    expect(w.asked.runs.map((r) => [r.host, r.commandId])).toEqual([['backtest-1', 'system.health-check']]);
    expect((await w.services.maintenance.get(runId))?.entries.map((e) => e.status)).toEqual(['queued']);
  });
});

describe('"Run now" refused', () => {
  it('says the role could not be checked when Slack has not listed the user groups, and audits it', async () => {
    const unlisted = { ...w.services, groupsOf: async () => undefined };
    const refused = await runPlanNow(unlisted, 'nightly', 'U0STAKE');
    expect(refused.ok ? 'ok' : refused.error).toEqual({ code: 'forbidden', role: 'mutating', groupsUnknown: true });
    const known = await runPlanNow({ ...w.services, groupsOf: async () => [] }, 'nightly', 'U0STAKE');
    expect(known.ok ? 'ok' : known.error).toEqual({ code: 'forbidden', role: 'mutating' });
    expect((await w.services.audit.read()).map((e) => e.detail)).toEqual(['role lacks mutating (user groups not listed by Slack)', 'role lacks mutating']);
    expect(w.asked.runs).toEqual([]);
  });
});
