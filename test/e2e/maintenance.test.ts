// Journey 7 end to end: a maintenance plan on a test-time schedule (every few seconds) runs on a real
// worker against a demo host copy, through two bot replicas on one Redis, one of which restarts mid-way.
// Every firing must become exactly one run: one summary in #ops, one job per entry on the host, one line
// in logs/maintenance.log; a failing entry opens one low incident that later failures join.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanRun } from '../../src/domain/maintenance-run.js';
import { planOutcome } from '../../src/domain/maintenance-run.js';
import { defaultMaintenance } from '../../src/domain/maintenance-policy.js';
import type { Policy } from '../../src/domain/policy.js';
import { createSlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import { APP_TOKEN, BOT_TOKEN, eventually, SIGNING_SECRET, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const policy: Policy = {
  ...sandboxPolicy,
  maintenance: {
    ...defaultMaintenance,
    plans: [
      {
        id: 'nightly',
        title: { en: 'Nightly check', ja: '夜間チェック' },
        cron: '*/4 * * * * *',
        entries: [
          { command: 'system.health-check', params: {} },
          { command: 'security.audit', params: {} },
        ],
        severity: 'low',
        enabled: true,
      },
    ],
    canary: { ...defaultMaintenance.canary, enabled: false },
  },
};

const finished = (run: PlanRun): boolean => planOutcome(run) !== 'running' && (run.log === 'succeeded' || run.log === 'failed');
const textOf = (m: { text?: string; blocks?: unknown } | undefined): string => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;

describe('scheduled maintenance', () => {
  const started: Klaxon[] = [];
  afterAll(async () => {
    for (const k of started.reverse()) await k.stop().catch(() => undefined);
  });

  it('runs each firing once across two replicas and a restart, reports it in #ops, logs it and opens one low incident', async () => {
    const emulator = await createSlackEmulator({
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      channels: [{ name: 'general', botIsMember: true }, { name: 'incidents', botIsMember: true }, { name: 'ops', botIsMember: true }],
    });
    const prefix = `m${randomUUID().slice(0, 8)}`;
    const options = { emulator, policy, redisPrefix: prefix, env: { OPS_CHANNEL: 'ops' } };
    const a = await startKlaxon({ ...options, worker: true });
    started.push(a);
    const root = a.backtestRoot as string;
    // The security audit fails on this host (it is not a git checkout): every run has one failing entry.
    const b = await startKlaxon(options);
    started.push(b);
    const runs = () => b.bot.services.maintenance.recent('nightly', 50);

    await eventually(async () => (await runs()).filter(finished).length >= 1, 'a first finished run', 60_000);
    // Restart replica A's bot (its worker stays: it is the host) while B keeps going.
    await a.bot.stop();
    const a2 = await startKlaxon(options);
    started.push(a2);
    await eventually(async () => (await runs()).filter(finished).length >= 3, 'three finished runs', 90_000);
    // No more firings; let the runs in flight finish.
    await b.bot.services.schedules.sync([]);
    await eventually(async () => (await runs()).every(finished) && (await runs()).length, 'every run finished', 60_000);

    const all = await runs();
    const ops = emulator.channel('ops')?.id as string;
    // One run per due time, one summary per run, updated in place to its outcome.
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(all.every((r) => r.trigger.kind === 'schedule' && r.startedAt % 4000 === 0)).toBe(true);
    const summaries = emulator.messages(ops).filter((m) => textOf(m).includes('Nightly check'));
    expect(summaries).toHaveLength(all.length);
    for (const run of all) {
      expect(run.entries.map((e) => e.status)).toEqual(['succeeded', 'failed']);
      const links = await b.bot.services.maintenance.getLinks(run.id);
      const summary = summaries.find((m) => m.ts === links['summary']);
      expect(textOf(summary)).toContain('Nightly check — failed');
      // Each entry's result and output file in the summary's thread.
      const thread = emulator.messages(ops, { threadTs: links['summary'] as string }).filter((m) => m.ts !== links['summary']);
      expect(thread.map(textOf).join('\n')).toMatch(/System health check[\s\S]*Security audit/);
    }
    const files = emulator.files().filter((f) => f.channels.includes(ops));
    expect(files.filter((f) => f.name.startsWith('system.health-check')).length).toBe(all.length);

    // The host ran every entry job once (the audit's start records), and wrote one log line per run.
    const audit = await b.bot.services.audit.read({ count: 10_000 });
    // The incident the failed plan opens takes its own host snapshot at declaration: not a maintenance job.
    const startedJobs = audit.filter((e) => e.action === 'execute' && e.decision === 'started' && e.commandId !== 'host.snapshot').map((e) => e.requestId);
    expect(startedJobs.length).toBe(all.length * 3);
    expect(new Set(startedJobs).size).toBe(startedJobs.length);
    expect(audit.filter((e) => e.action === 'maintenance' && e.decision === 'started')).toHaveLength(all.length);
    const log = (await readFile(join(root, 'logs', 'maintenance.log'), 'utf8')).split('\n').filter((l) => l.includes('Scheduled maintenance'));
    expect(log).toHaveLength(all.length);
    for (const line of log) expect(line).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - Scheduled maintenance nightly: failed \(1\/2 entries\)$/);

    // One low incident, declared by klaxon's own check, with every failed run's results on its timeline.
    const incidents = (await b.bot.services.store.listOpen()).filter((i) => i.title.includes('Nightly check'));
    expect(incidents.map((i) => [i.severity, i.source, i.declaredBy])).toEqual([['low', 'alert', 'alert:maintenance']]);
    const incident = incidents[0]!;
    // Joining the incident is the run's last step, after its log line.
    await eventually(async () => (await runs()).every((r) => r.incidentId === incident.id), 'every run joined to the incident', 30_000);
    const notes = (await b.bot.services.store.timelineAll(incident.id)).filter((e) => e.type === 'note');
    expect(notes).toHaveLength(all.length);
    expect(JSON.stringify(notes[0])).toContain('security.audit: failed (exit');
    expect(textOf(summaries[0])).toContain(`<#${(await b.bot.services.store.getLinks(incident.id))['channel']}>`);

    // /incident maintenance lists the plan with its last run; "Run now" starts one more as its presser.
    const listing = await emulator.slashCommand({ userId: USERS.l1, channelId: emulator.channel('general')?.id as string, text: 'maintenance' });
    expect(listing.body).toContain('Nightly check');
    expect(listing.body).toContain('maintenance_run_now');
  }, 240_000);
});
