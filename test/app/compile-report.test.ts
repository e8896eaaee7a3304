// compileReport against real Redis: the same bytes before and after the delivery records 報告書作成, a preview
// of an open incident that claims nothing about the report, and the file name rule.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import type { Actor, Incident } from '../../src/domain/incident.js';
import { recordReportWritten } from '../../src/domain/incident-records.js';
import { acknowledge, closeIncident, declareIncident, resolveIncident, type TransitionResult } from '../../src/domain/lifecycle.js';
import { defaultPolicy } from '../../src/domain/policy.js';
import { compileReport, reportFileName, type ReportSources } from '../../src/app/compile-report.js';
import { createIncidentStore, type IncidentStore } from '../../src/store/incident-store.js';
import { deletePrefix, uniquePrefix } from '../store/fixtures.js';

const T0 = Date.UTC(2026, 2, 10, 1, 0);
const at = (minutes: number) => T0 + minutes * 60_000;
const actor = (by: string, minutes: number, key: string): Actor => ({ by, at: at(minutes), key });

describe('compileReport', () => {
  const prefix = uniquePrefix('compile-report');
  let redis: Redis;
  let store: IncidentStore;
  let sources: ReportSources;

  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
    store = createIncidentStore(redis, { prefix });
    sources = { store, policy: defaultPolicy, catalogue, locale: 'en', timeZone: 'Asia/Tokyo' };
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  async function incidentUpTo(last: 'acknowledged' | 'resolved' | 'closed'): Promise<Incident> {
    const declared = declareIncident({ number: await store.nextNumber(), title: 'Data fetch fails', severity: 'medium', source: 'slack' }, actor('U0L1OPS', 0, 'declare'));
    if (!declared.ok) throw new Error(declared.error.message);
    const created = await store.create(declared.value.incident, declared.value.events);
    if (!created.ok) throw new Error(created.error);
    const steps: [string, (i: Incident) => TransitionResult][] = [
      ['acknowledged', (i) => acknowledge(i, actor('U0L1OPS', 20, 'ack'))],
      ['resolved', (i) => resolveIncident(i, actor('U0L2SYS', 300, 'resolve'))],
      ['closed', (i) => closeIncident(i, { summary: 'Fetch failed', actions: 'Retried', followUp: 'Cache prices' }, actor('U0L2SYS', 330, 'close'))],
    ];
    let incident = created.value;
    for (const [name, transition] of steps) {
      const updated = await store.update(incident.id, transition, { idempotencyKey: name });
      if (!updated.ok) throw new Error(updated.error.code);
      incident = updated.value.incident;
      if (name === last) break;
    }
    return incident;
  }

  it('gives the same bytes before and after the delivery records 報告書作成', async () => {
    const closed = await incidentUpTo('closed');
    const before = await compileReport(sources, closed.id, Date.now());
    if (!before.ok) throw new Error('not found');
    expect(before.value.markdown).toMatch(/\| Write the incident report \| ✓ \| klaxon \| 2026-03-10 15:30:00 JST \| automatic \(evidence\) \|/);
    expect(before.value.markdown).toContain('| 2026-03-10 15:30:00 JST | klaxon | Checked ✓ Write the incident report (automatic) |');

    const key = `report-${closed.id}`;
    const recorded = await store.update(closed.id, (i) => recordReportWritten(i, { file: before.value.fileName, sha256: before.value.sha256 }, { by: 'klaxon', at: at(330), key }), { idempotencyKey: key });
    expect(recorded.ok).toBe(true);
    const after = await compileReport(sources, closed.id, Date.now() + 86_400_000);
    if (!after.ok) throw new Error('not found');
    expect(after.value.markdown).toBe(before.value.markdown);
    expect(after.value.sha256).toBe(before.value.sha256);
    expect(after.value.markdown).not.toContain(before.value.sha256);
  });

  it('previews an unresolved or resolved incident at the given time without ticking 報告書作成', async () => {
    for (const state of ['acknowledged', 'resolved'] as const) {
      const open = await incidentUpTo(state);
      const now = at(400);
      const preview = await compileReport(sources, open.id, now);
      if (!preview.ok) throw new Error('not found');
      expect(preview.value.fileName).toBe(`incident_20260310_164000_${open.id}.md`);
      expect(preview.value.markdown).toContain('| Written | 2026-03-10 (Tue) 16:40 JST |');
      expect(preview.value.markdown).toMatch(/\| Write the incident report \| ✗ \| — \| — \| — \|/);
      expect(preview.value.markdown).not.toContain('Checked ✓ Write the incident report');
      expect((await store.get(open.id))?.checklist.report_written.done).toBe(false);
    }
  });

  it('names the file after the closing time in the team time zone', async () => {
    const closed = await incidentUpTo('closed');
    expect(reportFileName(closed, at(330), 'Asia/Tokyo')).toBe(`incident_20260310_153000_${closed.id}.md`);
    expect(reportFileName(closed, at(330), 'UTC')).toBe(`incident_20260310_063000_${closed.id}.md`);
    const compiled = await compileReport({ ...sources, timeZone: 'UTC' }, closed.id, Date.now());
    expect(compiled.ok && compiled.value.fileName).toBe(`incident_20260310_063000_${closed.id}.md`);
  });

  it('says not_found for an unknown id', async () => {
    expect(await compileReport(sources, 'inc-424242', Date.now())).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});
