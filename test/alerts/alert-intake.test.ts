// A bot that dies (or loses Redis) part-way through declaring an incident from an alert answers nothing, so the
// sender delivers the same alert again. Whatever the first delivery had stored, the alert makes one incident,
// and that incident gets its Slack setup and its clocks.
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createAlertIntake, type IntakeOutcome } from '../../src/alerts/alert-intake.js';
import type { IncomingAlert } from '../../src/alerts/incoming-alert.js';
import { parseBacktestAlert } from '../../src/alerts/parse-backtest-alert.js';
import { planClockJobs } from '../../src/app/schedule-clocks.js';
import type { Services } from '../../src/app/services.js';
import { alertWords } from '../../src/slack/views/alert-words.js';
import { createDeclareWindow } from '../../src/store/declare-window.js';
import { diesQueueingSetup } from '../support/dies-queueing-setup.js';
import { died, diedOf, dyingAt as dyingAtCall } from '../support/dying-at.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

// As the backtest system's AlertManager sends it, read by the route's own parser.
const parsed = parseBacktestAlert(
  { alert: { alert_id: 'alt-001', rule_id: 'error_rate', title: 'Error rate above 5%', level: 'critical', source: 'performance_monitor' }, source: 'backtest-alertmanager' },
  { timeZone: 'Asia/Tokyo', now: Date.UTC(2026, 0, 5, 1) },
);
if (!parsed.ok || parsed.value[0] === undefined) throw new Error('the alert does not parse');
const alert: IncomingAlert = parsed.value[0];
const BUDGET = 'backtest-test';
// The claim of a declaration outlives its dead declarer for this long; a short one keeps the test quick.
const options = { claimSeconds: 1, waitMs: 50 };

let w: UseCaseWorld;
let redis: Redis;
beforeEach(() => {
  w = useCaseWorld();
  redis = new Redis(inject('redisUrl'));
});
afterEach(async () => {
  await redis.quit();
  await w.stop();
});

const intakeOn = (services: Services) =>
  createAlertIntake(
    services,
    {
      words: alertWords('en', 'Asia/Tokyo'),
      declareWindow: (limit, globalLimit) => createDeclareWindow(redis, { prefix: services.config.redisPrefix, limit, globalLimit }),
    },
    options,
  );

const dyingAt = (at: number) => dyingAtCall(w.services, ['store', 'effects', 'clockJobs', 'once'], at);

/** The first delivery, on a bot that dies: its outcome, or undefined when the bot died before answering. */
const deliverOn = (services: Services): Promise<IntakeOutcome | undefined> =>
  intakeOn(services).intake(alert, BUDGET).then(
    (outcome) => outcome,
    (error: unknown) => (diedOf(error) ? undefined : Promise.reject(error)),
  );

/** What a sender does when its delivery is not answered: deliver again, until it is. */
async function redeliver(): Promise<IntakeOutcome> {
  const intake = intakeOn(w.services);
  for (let tries = 0; tries < 40; tries += 1) {
    const outcome = await intake.intake(alert, BUDGET);
    if (outcome.kind !== 'pending') return outcome;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the alert stayed pending');
}

const setupsQueued = () => new Set(w.asked.effects.filter((e) => e.job.name === 'setup').map((e) => e.jobId));

async function expectOneIncidentSetUp(outcome: IntakeOutcome): Promise<void> {
  const incidents = await w.services.store.listRecent(10);
  expect(incidents.map((i) => i.id)).toHaveLength(1);
  const [incident] = incidents;
  expect(outcome).toMatchObject({ incidentId: incident?.id });
  expect(setupsQueued()).toEqual(new Set([`setup-${incident?.id}`]));
  // Its reminders and escalation too, wherever the declaration was cut.
  if (!incident) throw new Error('no incident');
  const clocks = planClockJobs(incident, w.services.policy, undefined).map((j) => j.jobId);
  expect(clocks).not.toEqual([]);
  expect(w.asked.clockJobs.map((j) => j.jobId)).toEqual(expect.arrayContaining(clocks));
  // The alert that declared it is on its timeline once, and its redelivery is no repeat to tell the channel of.
  const attached = (await w.services.store.timelineAll(incident.id)).filter((e) => e.type === 'alert_attached');
  expect(attached).toMatchObject([{ alertId: alert.alertId }]);
  expect(w.asked.effects.filter((e) => e.job.name === 'note')).toEqual([]);
}

describe('an alert whose declaration was cut short', () => {
  it('makes one incident when the bot dies after storing it and before queueing its setup', async () => {
    await expect(intakeOn(diesQueueingSetup(w.services, died)).intake(alert, BUDGET)).rejects.toThrow('the bot died here');
    expect(await w.services.store.listRecent(10)).toHaveLength(1);

    await expectOneIncidentSetUp(await redeliver());
  });

  it('makes one incident when Redis fails after its setup was queued and before the alert was linked to it', async () => {
    const dying: Services = { ...w.services, store: { ...w.services.store, setLink: () => Promise.reject(died) } };
    await deliverOn(dying);

    await expectOneIncidentSetUp(await redeliver());
  });

  it('makes one incident wherever in the declaration the bot dies', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 40 }), async (at) => {
        await w.stop();
        w = useCaseWorld();
        const dying = dyingAt(at);
        const first = await deliverOn(dying.services);
        // Past the last port call the declaration completed: then the redelivery is a duplicate.
        if (first !== undefined) expect(dying.reached()).toBe(false);
        await expectOneIncidentSetUp(await redeliver());
      }),
      { numRuns: 15 },
    );
  });
});
