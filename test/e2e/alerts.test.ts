// Journey 6 end to end: alert webhooks over real HTTP into the real bot, Redis and the Slack emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeSummary } from '../../src/alerts/alert-routes.js';
import type { Incident } from '../../src/domain/incident.js';
import { eventually, startKlaxon, type Klaxon } from '../support/klaxon-harness.js';

const TOKEN = 'alert-token-0123456789abcdef';
const at = (minute: number) => `2026-01-15T10:${String(minute).padStart(2, '0')}:00`;

interface Answer {
  readonly status: number;
  readonly json: IntakeSummary & { readonly error?: string };
  readonly text: string;
}

async function send(k: Klaxon, path: 'backtest' | 'alertmanager', body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }): Promise<Answer> {
  const response = await fetch(`${k.bot.url}/alerts/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Answer['json'], text };
}

const backtest = (sender: string, rule: string, alertId: string, extra: Record<string, unknown> = {}) => ({
  alert: {
    alert_id: alertId,
    rule_id: rule,
    title: `Rule ${rule} fired`,
    message: 'details',
    level: 'critical',
    category: 'performance',
    source: 'performance_monitor',
    timestamp: at(0),
    status: 'active',
    metadata: { value: 0.07 },
    ...extra,
  },
  timestamp: at(1),
  source: sender,
});

const amAlert = (fingerprint: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels,
  annotations: { summary: `${labels['alertname']} is failing` },
  startsAt: '2026-01-15T01:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint,
  generatorURL: 'http://prometheus.example/graph',
  ...extra,
});
const amWebhook = (receiver: string, alerts: unknown[]) => ({
  version: '4', groupKey: `{}:{receiver="${receiver}"}`, truncatedAlerts: 0, status: 'firing', receiver,
  groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://alertmanager.example', alerts,
});

const incidentsOf = async (k: Klaxon, sender: string): Promise<Incident[]> =>
  (await k.bot.services.store.listRecent(1000)).filter((i) => i.declaredBy === `alert:${sender}`);
const channelOf = (k: Klaxon, id: string) => eventually(async () => (await k.bot.services.store.getLinks(id))['channel'], `the channel of ${id}`);
const alertPosts = (k: Klaxon, channel: string) => k.emulator.messages(channel).filter((m) => /^:(repeat|rotating_light|white_check_mark): Alert/.test(m.text));
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('alert intake', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ env: { ALERT_WEBHOOK_TOKEN: TOKEN } });
  });
  afterAll(async () => k?.stop());

  it('refuses a missing or wrong token with 401 and records nothing', async () => {
    const before = (await k.bot.services.store.listRecent(1000)).length;
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token-at-all' }, { authorization: `Basic ${TOKEN}` }];
    for (const headers of attempts) {
      for (const path of ['backtest', 'alertmanager'] as const) {
        const answer = await send(k, path, backtest('tokens', 'r', 'a1'), headers);
        expect(answer.status, JSON.stringify(headers)).toBe(401);
        expect(answer.json.error).toMatch(/token|Authorization/);
      }
    }
    expect((await k.bot.services.store.listRecent(1000)).length).toBe(before);
  });

  it('refuses bad JSON and wrong shapes with 400 and a one-line reason, and a huge body with 413', async () => {
    const notJson = await send(k, 'backtest', '{"alert": ');
    expect([notJson.status, notJson.json.error]).toEqual([400, 'body is not JSON']);
    const noLevel = await send(k, 'backtest', { alert: { alert_id: 'x', title: 't' } });
    expect(noLevel.status).toBe(400);
    expect(noLevel.json.error).toMatch(/^alert\.level: /);
    const empty = await send(k, 'alertmanager', amWebhook('shapes', []));
    expect([empty.status, empty.json.error]).toEqual([400, 'alerts: the webhook carries no alerts']);
    for (const answer of [notJson, noLevel, empty]) expect(answer.json.error).not.toMatch(/\n|at .*\.js:\d+/);
    const huge = await send(k, 'backtest', backtest('shapes', 'r', 'a1', { message: 'x'.repeat(300 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await incidentsOf(k, 'shapes')).toEqual([]);
  });

  it('declares an incident for a new alert; its repeats attach to it without a second channel or a post each', async () => {
    const first = await send(k, 'backtest', backtest('bt-main', 'error_rate', 'alt-001'));
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ ok: true, declared: 1, attached: 0, ignored: 0 });
    const [incident] = await incidentsOf(k, 'bt-main');
    expect(incident).toMatchObject({ id: first.json.incidents[0], source: 'alert', severity: 'critical', title: 'Rule error_rate fired', detectedAt: Date.UTC(2026, 0, 15, 1) });
    const channel = await channelOf(k, incident?.id as string);
    await eventually(() => k.emulator.messages(channel).length >= 3, 'header, checklist and playbook offer');
    const updates = () => k.emulator.calls('chat.update').filter((c) => c.args['channel'] === channel).length;
    await eventually(() => updates() >= 1, 'the checklist re-rendered after the announcement');
    await settle();
    const updatesBefore = updates();

    // Re-delivery of the same alert is one event; a new firing of the same rule is another, with one post.
    const again = await send(k, 'backtest', backtest('bt-main', 'error_rate', 'alt-001'));
    const repeats = await Promise.all(['alt-002', 'alt-003', 'alt-004'].map((id) => send(k, 'backtest', backtest('bt-main', 'error_rate', id))));
    for (const answer of [again, ...repeats]) expect(answer.json).toMatchObject({ declared: 0, attached: 1, incidents: [incident?.id] });
    expect(await incidentsOf(k, 'bt-main')).toHaveLength(1);
    const attached = (await k.bot.services.store.timelineAll(incident?.id as string)).filter((e) => e.type === 'alert_attached');
    expect(attached.map((e) => (e.type === 'alert_attached' ? e.alertId : '')).sort()).toEqual(['alt-001', 'alt-002', 'alt-003', 'alt-004']);
    await eventually(() => alertPosts(k, channel).length === 1, 'one "firing again" post');
    await settle();
    expect(alertPosts(k, channel).map((m) => m.text)).toEqual([expect.stringMatching(/^:repeat: Alert firing again: \*Rule error_rate fired\*/)]);
    expect(k.emulator.channels().filter((c) => /rule-error[-_]rate-fired/.test(c.name))).toHaveLength(1);
    // An attached alert changes nothing the header or checklist shows: no chat.update for it.
    expect(updates()).toBe(updatesBefore);
  });

  it('adds a note for a resolved alert and leaves the incident open; a resolved alert without an incident is ignored', async () => {
    const fired = await send(k, 'backtest', backtest('bt-resolve', 'memory', 'm-1', { level: 'warning' }));
    const id = fired.json.incidents[0] as string;
    const channel = await channelOf(k, id);
    const resolved = backtest('bt-resolve', 'memory', 'm-1', { level: 'warning', status: 'resolved', timestamp: at(30) });
    for (let n = 0; n < 2; n += 1) expect((await send(k, 'backtest', resolved)).json).toMatchObject({ attached: 1, declared: 0 });
    const incident = await k.bot.services.store.get(id);
    expect(incident).toMatchObject({ status: 'declared', severity: 'medium' });
    const notes = (await k.bot.services.store.timelineAll(id)).filter((e) => e.type === 'note');
    expect(notes).toEqual([expect.objectContaining({ text: expect.stringMatching(/^Alert resolved at 2026-01-15 10:30 JST: Rule memory fired \(performance_monitor\/memory\)/) })]);
    await eventually(() => alertPosts(k, channel).some((m) => m.text.startsWith(':white_check_mark: Alert resolved')), 'the resolved hint');

    const orphan = await send(k, 'backtest', backtest('bt-resolve', 'never-fired', 'n-1', { status: 'resolved' }));
    expect(orphan.json).toMatchObject({ declared: 0, attached: 0, ignored: 1 });
  });

  it('takes an Alertmanager group: each fingerprint declares once, info only joins an open incident', async () => {
    const group = amWebhook('am-group', [
      amAlert('aaaa0000aaaa0001', { alertname: 'BacktestDown', severity: 'critical' }),
      amAlert('aaaa0000aaaa0002', { alertname: 'DiskFilling', severity: 'warning' }),
      amAlert('aaaa0000aaaa0003', { alertname: 'Heartbeat', severity: 'info' }),
    ]);
    const first = await send(k, 'alertmanager', group);
    expect(first.json).toMatchObject({ declared: 2, attached: 0, ignored: 1 });
    const redelivered = await send(k, 'alertmanager', group);
    expect(redelivered.json).toMatchObject({ declared: 0, attached: 2, ignored: 1 });
    const incidents = await incidentsOf(k, 'alertmanager/am-group');
    expect(incidents.map((i) => [i.title, i.severity]).sort()).toEqual([
      ['BacktestDown: BacktestDown is failing', 'critical'],
      ['DiskFilling: DiskFilling is failing', 'medium'],
    ]);
    const info = await send(k, 'alertmanager', amWebhook('am-group', [amAlert('aaaa0000aaaa0001', { alertname: 'BacktestDown', severity: 'info' }, { startsAt: '2026-01-15T01:05:00Z' })]));
    expect(info.json).toMatchObject({ attached: 1, ignored: 0 });
    const resolved = await send(k, 'alertmanager', amWebhook('am-group', [amAlert('aaaa0000aaaa0002', { alertname: 'DiskFilling' }, { status: 'resolved', endsAt: '2026-01-15T01:20:00Z' })]));
    expect(resolved.json).toMatchObject({ attached: 1 });
    const disk = incidents.find((i) => i.title.startsWith('DiskFilling')) as Incident;
    expect((await k.bot.services.store.get(disk.id))?.status).toBe('declared');
  });

  it('declares once when many first deliveries of one fingerprint arrive together', async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, (_, n) => send(k, 'backtest', backtest('bt-race', 'cpu', `c-${n}`))));
    expect(answers.map((a) => a.status).every((s) => s === 202)).toBe(true);
    expect(answers.reduce((n, a) => n + a.json.declared, 0)).toBe(1);
    expect(answers.reduce((n, a) => n + a.json.attached, 0)).toBe(24);
    const incidents = await incidentsOf(k, 'bt-race');
    expect(incidents).toHaveLength(1);
    const attached = (await k.bot.services.store.timelineAll(incidents[0]?.id as string)).filter((e) => e.type === 'alert_attached');
    expect(attached).toHaveLength(25);
  });
});

describe('an alert flood', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ env: { ALERT_WEBHOOK_TOKEN: TOKEN } });
  });
  afterAll(async () => k?.stop());

  it('opens at most the budgeted 10 incidents a minute, however the senders are named; the rest join the newest with a note', async () => {
    // 100 alerts, each from a "different source": the budget follows the token, not the body.
    const answers = await Promise.all(Array.from({ length: 100 }, (_, n) => send(k, 'backtest', backtest(`flood-source-${n}`, `rule-${n}`, `f-${n}`))));
    expect(answers.map((a) => a.status).every((s) => s === 202)).toBe(true);
    expect(answers.reduce((n, a) => n + a.json.declared, 0)).toBe(10);
    expect(answers.reduce((n, a) => n + a.json.attached, 0)).toBe(90);
    const incidents = (await k.bot.services.store.listOpen()).filter((i) => i.source === 'alert');
    expect(incidents).toHaveLength(10);
    // Slack saw at most the budgeted channels and announcements.
    await eventually(() => k.emulator.channels().filter((c) => c.name.startsWith('inc-')).length === 10 || undefined, 'the ten channels');
    const announcements = await eventually(() => {
      const posted = k.emulator.messages(k.stakeholders).length;
      return posted >= 10 ? posted : undefined;
    }, 'the ten announcements');
    expect(announcements).toBe(10);
    expect(k.emulator.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(10);
    const notes = (await Promise.all(incidents.map((i) => k.bot.services.store.timelineAll(i.id)))).flat().filter((e) => e.type === 'note');
    expect(notes).toHaveLength(90);
    for (const note of notes) expect(note.type === 'note' && note.text).toMatch(/^Alert Rule rule-\d+ fired .* attached here: alerts opened 10 incidents in the last minute$/);
    // The overflowed fingerprint stays with the incident it joined.
    const overflowed = answers.find((a) => a.json.attached === 1) as Answer;
    const rule = answers.indexOf(overflowed);
    const again = await send(k, 'backtest', backtest(`flood-source-${rule}`, `rule-${rule}`, 'f-again'));
    expect(again.json).toMatchObject({ attached: 1, incidents: overflowed.json.incidents });
  }, 60_000);
});

describe('alert intake without ALERT_WEBHOOK_TOKEN', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it('answers 503 "alert intake disabled" on both routes, whatever the header', async () => {
    for (const path of ['backtest', 'alertmanager'] as const) {
      const answer = await send(k, path, backtest('off', 'r', 'a'));
      expect(answer.status).toBe(503);
      expect(answer.json.error).toMatch(/^alert intake disabled/);
    }
  });
});

describe('AC-18 alert storm', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ env: { ALERT_WEBHOOK_TOKEN: TOKEN } });
  });
  afterAll(async () => k?.stop());

  it('300 alerts with 20 fingerprints in concurrent bursts: 20 incidents, 20 channels, every alert counted, Slack not flooded', async () => {
    // 150 backtest alerts (10 rules, one request each) and 150 Alertmanager alerts (10 fingerprints, 5 per request).
    const requests: (() => Promise<Answer>)[] = [];
    for (let n = 0; n < 150; n += 1) requests.push(() => send(k, 'backtest', backtest('bt-storm', `rule-${n % 10}`, `s-${n}`)));
    for (let n = 0; n < 30; n += 1) {
      const alerts = Array.from({ length: 5 }, (_, m) => {
        const index = (n * 5 + m) % 10;
        return amAlert(`5707${String(index).padStart(12, '0')}`, { alertname: `Storm${index}`, severity: 'critical' }, { startsAt: `2026-01-15T01:${String(n).padStart(2, '0')}:00Z` });
      });
      requests.push(() => send(k, 'alertmanager', amWebhook('am-storm', alerts)));
    }
    const order = requests.map((request, n) => ({ request, key: (n * 7919) % requests.length })).sort((a, b) => a.key - b.key);
    const answers: Answer[] = [];
    for (let burst = 0; burst < order.length; burst += 30) {
      answers.push(...(await Promise.all(order.slice(burst, burst + 30).map((r) => r.request()))));
    }
    expect(answers.every((a) => a.status === 202)).toBe(true);
    const total = (field: 'declared' | 'attached' | 'ignored') => answers.reduce((n, a) => n + a.json[field], 0);
    expect([total('declared'), total('attached'), total('ignored')]).toEqual([20, 280, 0]);

    const incidents = [...(await incidentsOf(k, 'bt-storm')), ...(await incidentsOf(k, 'alertmanager/am-storm'))];
    expect(incidents).toHaveLength(20);
    const timelines = await Promise.all(incidents.map((i) => k.bot.services.store.timelineAll(i.id)));
    expect(timelines.flat().filter((e) => e.type === 'alert_attached')).toHaveLength(300);
    // Attaching appends to the timeline only: 15 alerts each did not rewrite the incident records 15 times.
    for (const incident of await k.bot.services.store.getMany(incidents.map((i) => i.id))) expect(incident.version).toBeLessThan(15);

    const channels = await Promise.all(incidents.map((i) => channelOf(k, i.id)));
    // Slack posts ~1 message a second per channel: the 20 announcements in the stakeholder channel take ~20 s
    // (the emulator's limit, as in Slack), and each incident's repeat note follows its own setup.
    await eventually(() => channels.every((c) => k.emulator.messages(c).length >= 4), 'setup and one repeat post in every channel', 60_000);
    await settle();
    expect(k.emulator.calls('conversations.create')).toHaveLength(20);
    for (const channel of channels) {
      expect(alertPosts(k, channel)).toHaveLength(1);
      expect(k.emulator.messages(channel)).toHaveLength(4);
    }
    // Attaching re-renders nothing, and a render sends only what changed: within Slack's Tier 3 (50/min, AC-18).
    expect(k.emulator.calls('chat.update').length).toBeLessThanOrEqual(50);
  }, 120_000);
});
