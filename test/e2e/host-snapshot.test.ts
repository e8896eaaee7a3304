// The reproducibility snapshot end to end: declaring with a worker online takes a snapshot of the demo host
// copy and shows it in the incident thread; a config file changed during the incident is named by the
// snapshot taken at resolve, in the thread and in the report's basic information. Real emulator, bot,
// worker, Redis and Python.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileReport } from '../../src/app/compile-report.js';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const textOf = (m: Message | undefined): string => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
const CHANGED = 'config/performance_monitoring/alert_rules.json';

// The replies in every host.snapshot run's thread that carry the snapshot's summary.
const snapshotRepliesIn = (k: Klaxon, channel: string): Message[] =>
  k.emulator
    .messages(channel)
    .filter((root) => textOf(root).includes('`host.snapshot`'))
    .flatMap((root) => k.emulator.messages(channel, { threadTs: root.ts }).filter((m) => m.ts !== root.ts && /Host snapshot/.test(textOf(m))));

describe('the host snapshot at declaration and at resolve', () => {
  let k: Klaxon;
  let channel: string;
  let incidentId: string;

  beforeAll(async () => {
    k = await startKlaxon({ worker: true, hostSnapshots: true });
    await eventually(async () => (await k.bot.services.workers()).some((w) => w.host === 'backtest-1' && w.online), 'the worker online');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Parameters drifted' });
    channel = (await eventually(() => k.emulator.channels().find((c) => c.name.startsWith('inc-')), 'the incident channel')).id;
    incidentId = (await eventually(async () => (await k.bot.services.store.listOpen())[0], 'the incident')).id;
  });
  afterAll(async () => k?.stop());

  const snapshotReplies = () => snapshotRepliesIn(k, channel);

  it('posts the declaration snapshot in its thread, with the JSON as a file, and does not acknowledge the incident', { timeout: 90_000 }, async () => {
    const first = await eventually(() => snapshotReplies()[0], 'the first snapshot in the thread', 60_000);
    const text = textOf(first);
    expect(text).toMatch(/commit [0-9a-f]{12}|commit —/);
    expect(text).toMatch(/config\/ sha256 [0-9a-f]{12}/);
    expect(text).toMatch(/Python 3\.\d+\.\d+/);
    expect(text).not.toContain('Changed during the incident');
    const file = await eventually(() => k.emulator.files().find((f) => f.channels.includes(channel) && f.name.endsWith('snapshot-declared.json')), 'the snapshot file');
    const json = JSON.parse(file.content?.toString('utf8') ?? '{}') as { configFiles?: Record<string, string> };
    expect(Object.keys(json.configFiles ?? {})).toContain(CHANGED);
    const events = await k.bot.services.store.timelineAll(incidentId);
    expect(events.filter((e) => e.type === 'host_snapshot')).toHaveLength(1);
    expect((await k.bot.services.store.get(incidentId))?.status).toBe('declared');
  });

  it('after a config change, the resolve snapshot names the file in the thread and in the report', { timeout: 90_000 }, async () => {
    if (!k.backtestRoot) throw new Error('no demo host copy');
    await writeFile(join(k.backtestRoot, CHANGED), '{"changed": true}\n');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'resolve' });
    const second = await eventually(() => snapshotReplies().find((m) => textOf(m).includes('Changed during the incident')), 'the resolve snapshot', 60_000);
    expect(textOf(second)).toContain(`${CHANGED} (modified)`);
    const { services } = k.bot;
    const { config } = k;
    const report = await compileReport(
      { store: services.store, catalogue: services.catalogue, policy: services.policy, locale: config.locale, timeZone: config.timeZone },
      incidentId,
      services.now(),
    );
    if (!report.ok) throw new Error('no report');
    expect(report.value.markdown).toMatch(/\| Host snapshot \(first\) \| commit /);
    expect(report.value.markdown).toMatch(/\| Host snapshot \(latest\) \| commit /);
    // Markdown-escaped, as every path in the report is.
    expect(report.value.markdown).toContain(`| Changed during the incident | ${CHANGED.replaceAll('_', '\\_')} (modified)`);
  });
});

describe('the host snapshot of a declaration cut off before it asked for one', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ worker: true, hostSnapshots: true });
    await eventually(async () => (await k.bot.services.workers()).some((w) => w.host === 'backtest-1' && w.online), 'the worker online');
  });
  afterAll(async () => k?.stop());

  it('is asked for by the setup once the channel is there, and taken once', { timeout: 90_000 }, async () => {
    const { services } = k.bot;
    const workers = services.workers;
    // The declarer's first step towards the snapshot fails, as it would on a bot dying right there.
    Object.assign(services, { workers: () => (Object.assign(services, { workers }), Promise.reject(new Error('the bot died here'))) });
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Parameters drifted' });
    expect(services.workers).toBe(workers);
    const incidentId = /(inc-\d+) is declared, but klaxon lost its database/.exec(answer.body)?.[1];
    expect(incidentId, answer.body).toBeDefined();
    const channel = (await eventually(() => k.emulator.channels().find((c) => c.name.startsWith('inc-')), 'the incident channel')).id;
    const reply = await eventually(() => snapshotRepliesIn(k, channel)[0], 'the snapshot in its thread', 60_000);
    expect(textOf(reply)).toMatch(/config\/ sha256 [0-9a-f]{12}/);
    const events = await services.store.timelineAll(incidentId as string);
    expect(events.filter((e) => e.type === 'job_queued' && e.commandId === 'host.snapshot')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'host_snapshot')).toHaveLength(1);
    expect((await services.audit.read()).filter((e) => e.requestId === `run-${incidentId}-snapshot-declared` && e.decision === 'queued')).toHaveLength(1);
  });
});
