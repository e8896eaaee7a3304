// Close is at-least-once all the way down: the same modal submitted three times, a second modal after the
// close, a report job that fails half-way and is retried, and a re-delivered report job still give one report
// file, one upload, one stakeholder summary and one archive call.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import { resolveIncident } from '../../src/domain/lifecycle.js';
import { ACTION } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { command, declareIncident, deliveredReport, incident, messageWithButton, openCloseModal, submitClose, tick } from '../report/incident-journey.js';

const FIELDS = {
  summary: 'Momentum strategy fails to load', impact: 'Momentum backtests only', actions: 'Reset its parameters', rootCause: 'Bad top_n', prevention: 'Range checks',
  unverifiedReason: 'Verified by hand on the host',
};

describe('closing an incident more than once', () => {
  let k: Klaxon;
  let reportsDir: string;
  beforeAll(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    k = await startKlaxon({ env: { REPORTS_DIR: reportsDir, KLAXON_ARCHIVE_ON_CLOSE: 'true' } });
  });
  afterAll(async () => k?.stop());

  it('delivers one report for three submissions, a late second modal, a failed attempt and a re-delivered job', { timeout: 60_000 }, async () => {
    const d = await declareIncident(k, USERS.l1, 'high', 'Momentum strategy fails to load');
    await tick(k, USERS.l1, d, 'impact_assessed');
    await command(k, USERS.l2, d.channelId, 'resolve');
    const first = await openCloseModal(k, USERS.l2, d.channelId);
    const second = await openCloseModal(k, USERS.l1, d.channelId);

    // The archive fails once (a transient Slack error) after the upload and the summary: the retry must not repeat them.
    k.emulator.faults.add({ method: 'conversations.archive', kind: 'error', error: 'internal_error', times: 1 });
    const answers = await Promise.all([1, 2, 3].map(() => submitClose(k, USERS.l2, first, FIELDS)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.json).toBeUndefined();
    }
    const report = await deliveredReport(k, reportsDir, d.incidentId);
    await eventually(() => k.emulator.channel(d.channelId)?.isArchived, 'the archived channel', 20_000);
    expect(k.emulator.calls('conversations.archive').filter((c) => !c.ok)).toHaveLength(1);

    const late = await submitClose(k, USERS.l1, second, { ...FIELDS, summary: 'a different summary' });
    expect(late.json).toMatchObject({ response_action: 'errors' });
    expect((await incident(k, d.incidentId)).report.summary).toBe(FIELDS.summary);

    const producers = k.bot.producers;
    await producers.effects.enqueue({ name: 'report', data: { incidentId: d.incidentId, by: USERS.l2 } }, `redelivered-${d.incidentId}`);
    await eventually(async () => (await producers.slack.getJob(`redelivered-${d.incidentId}`))?.isCompleted(), 'the re-delivered report job');

    // Written through a temporary file and a rename: nothing else is left in the directory.
    expect(await readdir(reportsDir)).toEqual([report.name]);
    expect(await readFile(join(reportsDir, report.name), 'utf8')).toBe(report.markdown);
    expect(k.emulator.files().filter((f) => f.name === report.name)).toHaveLength(1);
    expect(k.emulator.calls('files.completeUploadExternal').filter((c) => c.ok)).toHaveLength(1);
    expect(k.emulator.messages(k.stakeholders).filter((m) => m.text.includes(`${d.incidentId} closed`))).toHaveLength(1);
    expect(k.emulator.calls('conversations.archive').filter((c) => c.ok)).toHaveLength(1);
    const written = (await k.bot.services.store.timelineAll(d.incidentId)).filter((e) => e.type === 'report_written');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ sha256: createHash('sha256').update(report.markdown).digest('hex') });
    expect((await k.bot.services.store.timelineAll(d.incidentId)).filter((e) => e.type === 'closed')).toHaveLength(1);
  });

  it('offers the verification suite once, also when the recovery was recorded but its offer was lost', async () => {
    const d = await declareIncident(k, USERS.l1, 'low', 'Cache warnings in the log');
    await tick(k, USERS.l1, d, 'impact_assessed');
    // As if the bot crashed between recording the recovery and queueing the offer.
    const resolved = await apply(k.bot.services, d.incidentId, (i) => resolveIncident(i, { by: USERS.l2, at: k.bot.services.now(), key: 'lost-offer' }), 'lost-offer');
    expect(resolved.ok).toBe(true);
    await new Promise((settle) => setTimeout(settle, 300));
    expect(messageWithButton(k, d.channelId, ACTION.runSuite)).toBeUndefined();

    for (const attempt of [1, 2]) expect([attempt, await command(k, USERS.l2, d.channelId, 'resolve')]).toEqual([attempt, expect.stringMatching(/resolved already|already resolved/i)]);
    await eventually(() => messageWithButton(k, d.channelId, ACTION.runSuite), 'the verification offer');
    await new Promise((settle) => setTimeout(settle, 300));
    expect(k.emulator.messages(d.channelId).filter((m) => JSON.stringify(m.blocks ?? []).includes(`"${ACTION.runSuite}"`))).toHaveLength(1);
  });

  it('answers a close modal whose incident is gone with an error next to the summary', async () => {
    const d = await declareIncident(k, USERS.l1, 'low', 'Stale modal');
    await command(k, USERS.l2, d.channelId, 'resolve');
    const view = await openCloseModal(k, USERS.l2, d.channelId);
    view.view['private_metadata'] = 'inc-404404';
    const answer = await submitClose(k, USERS.l2, view, { summary: 's', actions: 'a', followUp: 'f' });
    expect(answer.json).toEqual({ response_action: 'errors', errors: { report_summary: 'That incident does not exist.' } });
    expect((await incident(k, d.incidentId)).status).toBe('resolved');
  });
});
