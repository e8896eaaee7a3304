// Journey 9 on the demo host: the golden run's first result becomes the reference, an unchanged host matches
// it (no incident), and a changed parameter file drifts it: an incident with the before/after table.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firePlan } from '../../src/app/maintenance.js';
import { defaultMaintenance } from '../../src/domain/maintenance-policy.js';
import type { Policy } from '../../src/domain/policy.js';
import { createSlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import { APP_TOKEN, BOT_TOKEN, eventually, SIGNING_SECRET, startKlaxon, type Klaxon } from '../support/klaxon-harness.js';

const policy: Policy = { ...sandboxPolicy, maintenance: { ...defaultMaintenance, plans: [], canary: { ...defaultMaintenance.canary, cron: '0 0 1 1 *' } } };
const PARAMS = 'config/optimized_params/VWAPBreakoutStrategy_8306.T_2026-01-08.json';

describe('the golden-run canary', () => {
  let k: Klaxon | undefined;
  afterAll(async () => k?.stop());

  it('keeps the first run, matches an unchanged host, and opens a drift incident with the table after a parameter change', async () => {
    const emulator = await createSlackEmulator({
      signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN,
      channels: [{ name: 'general', botIsMember: true }, { name: 'incidents', botIsMember: true }, { name: 'ops', botIsMember: true }],
    });
    k = await startKlaxon({ emulator, policy, worker: true, env: { OPS_CHANNEL: 'ops' } });
    const services = k.bot.services;
    const judged = async (at: number) => {
      const fired = await firePlan(services, 'canary', { kind: 'schedule' }, at);
      if (fired.kind !== 'started') throw new Error(fired.kind);
      return eventually(async () => (await services.maintenance.get(fired.run.id))?.canary?.verdict, `canary ${at} judged`, 90_000);
    };
    expect(await judged(1_000)).toBe('baseline');
    // The verdict is stored first (it decides which replica acts), the reference right after it.
    const baseline = await eventually(() => services.maintenance.baseline(), 'the first run kept as the reference', 30_000);
    expect(baseline.snapshot).toContain('KLAXON_SNAPSHOT');
    expect(await judged(2_000)).toBe('good');
    expect(await services.store.listOpen()).toEqual([]);

    const file = join(k.backtestRoot as string, PARAMS);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"take_profit": 0.05', '"take_profit": 0.04'));
    expect(await judged(3_000)).toBe('drift');
    const incident = await eventually(async () => (await services.store.listOpen())[0], 'the drift incident', 30_000);
    expect([incident.severity, incident.declaredBy]).toEqual(['medium', 'alert:maintenance']);
    const note = await eventually(async () => (await services.store.timelineAll(incident.id)).find((e) => e.type === 'note'), 'the table on the timeline');
    const text = JSON.stringify(note);
    expect(text).toMatch(/Total return +0\.018469/);
    expect(text).toContain('Trade list');
    expect(text).toContain('Reproducibility snapshot of the last good run');
    // The last good run is still the reference.
    expect((await services.maintenance.baseline())?.metrics.totalReturn).toBe(0.018469);
  }, 240_000);
});
