// A bot that dies between storing a close and queueing its report: the close form was accepted (its modal
// closed, the channel told "closed"), so the §9 report is owed. The next bot to start delivers it, once.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import { closeIncident } from '../../src/domain/lifecycle.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { command, declareIncident, deliveredReport } from '../report/incident-journey.js';

describe('a close whose report was never queued', () => {
  it('gets its report from the next bot to start: one file, one upload, one summary', { timeout: 60_000 }, async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    const first = await startKlaxon({ env: { REPORTS_DIR: reportsDir } });
    let firstStopped = false;
    let second: Klaxon | undefined;
    try {
      const d = await declareIncident(first, USERS.l1, 'low', 'Cache warnings in the log');
      await command(first, USERS.l2, d.channelId, 'resolve');
      // What the close form's submission stores before it answers; the process died before the report job.
      const key = 'close-before-death';
      const fields = { summary: 'Stale cache entries', actions: 'Cleared the cache', followUp: 'Watch the warnings' };
      const closed = await apply(first.bot.services, d.incidentId, (i) => closeIncident(i, fields, { by: USERS.l2, at: first.bot.services.now(), key }), key);
      expect(closed.ok).toBe(true);
      await first.bot.stop();
      firstStopped = true;

      second = await startKlaxon({ emulator: first.emulator, redisPrefix: first.config.redisPrefix, env: { REPORTS_DIR: reportsDir } });
      const report = await deliveredReport(second, reportsDir, d.incidentId);
      const restarted = second;
      expect(first.emulator.files().filter((f) => f.name === report.name)).toHaveLength(1);
      expect(first.emulator.messages(restarted.stakeholders).filter((m) => m.text.includes(`${d.incidentId} closed`))).toHaveLength(1);
      expect((await restarted.bot.services.store.timelineAll(d.incidentId)).filter((e) => e.type === 'report_written')).toHaveLength(1);
      // Delivered, it is owed no more: a later start queues nothing.
      await eventually(async () => (await restarted.bot.services.store.reportsOwed()).length === 0, 'the report no longer owed');
    } finally {
      await second?.stop();
      if (firstStopped) await first.emulator.close();
      else await first.stop();
    }
  });
});
