// Control characters and bidi overrides never reach a title, the timeline, a Slack message or the report,
// whether they come in through a slash command, a modal or an alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { containsUnsafe } from '../../src/domain/clean-text.js';
import { compileReport } from '../../src/app/compile-report.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const TOKEN = 'alert-token-0123456789abcdef';

describe('control and bidi characters', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ env: { ALERT_WEBHOOK_TOKEN: TOKEN } });
  });
  afterAll(async () => k?.stop());

  it('are stripped from a declared title, an update, Slack and the report', async () => {
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Invoice\u202Efdp.exe\u0000 job \u001b[31mfails\u2066' });
    const id = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
    const incident = await eventually(async () => k.bot.services.store.get(id), 'the incident');
    expect(incident.title).toBe('Invoicefdp.exe job [31mfails');
    const channel = await eventually(async () => (await k.bot.services.store.getLinks(id))['channel'], 'the channel');
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'update Restarted\u202E the\u0007 worker\r\nstill watching' });
    const update = await eventually(async () => (await k.bot.services.store.timelineAll(id)).find((e) => e.type === 'update_posted'), 'the update');
    expect(update).toMatchObject({ text: 'Restarted the worker\nstill watching' });
    await eventually(() => k.emulator.messages(k.stakeholders).length >= 2 || undefined, 'the announcement and the update');

    expect(containsUnsafe(JSON.stringify(k.emulator.calls().map((c) => c.args)).replace(/\\u[0-9a-fA-F]{4}/g, (m) => JSON.parse(`"${m}"`) as string))).toBe(false);
    const report = await compileReport({ store: k.bot.services.store, policy: sandboxPolicy, catalogue, locale: 'en', timeZone: 'Asia/Tokyo' }, id, Date.now());
    if (!report.ok) throw new Error('no report');
    expect(report.value.markdown).toContain('Invoicefdp.exe job');
    expect(containsUnsafe(report.value.markdown)).toBe(false);
  });

  it('are stripped from an alert title and source', async () => {
    const body = { alert: { alert_id: 'ctl-1', level: 'high', title: 'Disk\u202E full\u0000', source: 'mon\u2067itor' }, source: 'bt\u0000' };
    const response = await fetch(`${k.bot.url}/alerts/backtest`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(202);
    const incident = await eventually(async () => (await k.bot.services.store.listOpen()).find((i) => i.source === 'alert'), 'the alert incident');
    expect(incident.title).toBe('Disk full');
    expect(incident.declaredBy).toBe('alert:bt');
  });
});
