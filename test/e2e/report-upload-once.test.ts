// The report is shared in the incident channel once, however its upload was cut short: Slack completed and
// shared it but its answer never came, or the bot was killed between the completion and storing the link. A
// first attempt that failed before completing still uploads on its retry. Real bot, Redis and emulator; the
// killed bot is a real process.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { apply } from '../../src/app/apply.js';
import { closeIncident } from '../../src/domain/lifecycle.js';
import { spawnBotProcess } from '../support/bot-process.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import type { SlackApiOptions } from '../../src/slack/slack-api.js';
import { command, declareIncident, deliveredReport, openCloseModal, submitClose, type Declared } from '../report/incident-journey.js';

const FIELDS = { summary: 'Stale cache entries', actions: 'Cleared the cache', followUp: 'Watch the warnings' };

/** The report files shared in the channel: one per message that carries one. */
function sharedReports(k: Klaxon, channel: string, incidentId: string): string[] {
  const reports = new Set(k.emulator.files().filter((f) => f.name.endsWith(`_${incidentId}.md`)).map((f) => f.id));
  return k.emulator.messages(channel).flatMap((m) => (m.files ?? []).filter((id) => reports.has(id)));
}

async function closeWithForm(k: Klaxon, channelId: string): Promise<void> {
  const view = await openCloseModal(k, USERS.l2, channelId);
  const answer = await submitClose(k, USERS.l2, view, FIELDS);
  expect(answer.status).toBe(200);
}

describe('the report upload, cut short', () => {
  const running: Klaxon[] = [];
  /** A bot writing reports to a folder of its own, and a resolved incident of it, ready to close. */
  async function resolvedIncident(slackApi: SlackApiOptions): Promise<{ k: Klaxon; reportsDir: string; d: Declared }> {
    const reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    const k = await startKlaxon({ slackApi, env: { REPORTS_DIR: reportsDir } });
    running.push(k);
    const d = await declareIncident(k, USERS.l1, 'low', 'Cache warnings in the log');
    await command(k, USERS.l2, d.channelId, 'resolve');
    return { k, reportsDir, d };
  }
  const children: ChildProcess[] = [];
  const emulators: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const k of running.splice(0).reverse()) await k.stop();
    for (const emulator of emulators.splice(0)) await emulator.close();
  });

  it('shares it once when Slack completed the upload but its answer was lost', { timeout: 60_000 }, async () => {
    // A client timeout of 1.5 s against an answer after 4 s: the upload is completed and shared, its answer lost.
    const { k, reportsDir, d } = await resolvedIncident({ timeoutMs: 1500 });
    k.emulator.faults.add({ method: 'files.completeUploadExternal', kind: 'slow_answer', ms: 4000, times: 1 });
    await closeWithForm(k, d.channelId);
    await deliveredReport(k, reportsDir, d.incidentId);
    const links = await eventually(async () => {
      const all = await k.bot.services.store.getLinks(d.incidentId);
      return all['reportFile'] ? all : undefined;
    }, 'the report link');
    await new Promise((settle) => setTimeout(settle, 500));
    expect(sharedReports(k, d.channelId, d.incidentId)).toEqual([links['reportFile']]);
  });

  it('shares it once when the bot was killed between the completion and storing the link', { timeout: 90_000 }, async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    const first = await startKlaxon({ env: { REPORTS_DIR: reportsDir } });
    const d = await declareIncident(first, USERS.l1, 'low', 'Cache warnings in the log');
    await command(first, USERS.l2, d.channelId, 'resolve');
    // The close is stored (its report owed) and the bot stops before delivering it: the next bot to start does.
    const key = 'close-then-kill';
    const closed = await apply(first.bot.services, d.incidentId, (i) => closeIncident(i, FIELDS, { by: USERS.l2, at: first.bot.services.now(), key }), key);
    expect(closed.ok).toBe(true);
    await first.bot.stop();
    emulators.push(first.emulator);

    // That bot is a real process: Slack completes and shares its upload and it is killed before the answer.
    first.emulator.faults.add({ method: 'files.completeUploadExternal', kind: 'slow_answer', ms: 60_000, times: 1 });
    const { child, output } = spawnBotProcess({ SLACK_API_URL: first.emulator.apiUrl, REDIS_URL: inject('redisUrl'), KLAXON_REDIS_PREFIX: first.config.redisPrefix, REPORTS_DIR: reportsDir }, children);
    await eventually(() => sharedReports(first, d.channelId, d.incidentId).length === 1 || child.exitCode !== null, 'the upload completed by the bot process', 30_000);
    expect(child.exitCode, output()).toBeNull();
    child.kill('SIGKILL');
    await new Promise((settle) => child.once('exit', settle));

    const second = await startKlaxon({ emulator: first.emulator, redisPrefix: first.config.redisPrefix, env: { REPORTS_DIR: reportsDir } });
    running.push(second);
    // The killed bot's job would come back once its lock ran out; a redelivery now is the same retry, sooner.
    await second.bot.producers.effects.enqueue({ name: 'report', data: { incidentId: d.incidentId, by: USERS.l2 } }, `redelivered-${d.incidentId}`);
    await deliveredReport(second, reportsDir, d.incidentId);
    await eventually(async () => (await second.bot.services.store.reportsOwed()).length === 0, 'the report no longer owed');
    const links = await second.bot.services.store.getLinks(d.incidentId);
    expect(sharedReports(second, d.channelId, d.incidentId)).toEqual([links['reportFile']]);
  });

  it('uploads it again when the first attempt failed before Slack completed it', { timeout: 60_000 }, async () => {
    // Calls give up after 0.3 s of retries, so a Slack outage fails the job's attempt, and the job is retried.
    const { k, reportsDir, d } = await resolvedIncident({ maxRetryMs: 300 });
    // The bytes reach the upload URL, but Slack answers the first four completions with 503 (three are one
    // attempt's in-call retries): nothing is shared until the job's second attempt.
    k.emulator.faults.add({ method: 'files.completeUploadExternal', kind: 'http_error', status: 503, times: 4 });
    await closeWithForm(k, d.channelId);
    await deliveredReport(k, reportsDir, d.incidentId);
    const links = await k.bot.services.store.getLinks(d.incidentId);
    const shared = sharedReports(k, d.channelId, d.incidentId);
    expect(shared).toEqual([links['reportFile']]);
    // The failed attempt's upload stays uncompleted; the retry's is the one shared.
    const reports = k.emulator.files().filter((f) => f.name.endsWith(`_${d.incidentId}.md`));
    expect(reports.map((f) => f.completed)).toEqual([...reports.slice(1).map(() => false), true]);
    expect(reports.length).toBeGreaterThan(1);
  });
});
