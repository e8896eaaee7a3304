// Every /incident subcommand, the declare modal, the 📌 reaction and the bot's HTTP routes, end to end
// through the emulator, the real Bolt receiver, Redis and a worker on a demo host.
import type { Links } from '../../src/app/links.js';
import { formatInstant } from '../../src/domain/time.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import { CALLBACK, INPUT } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const MINUTE = 60_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('/incident subcommands', () => {
  let k: Klaxon;
  let incident: Incident;
  let channel: string;
  let links: Links;

  const command = async (text: string, where = channel, userId: string = USERS.l2) => {
    const answer = await k.emulator.slashCommand({ userId, channelId: where, text });
    expect(answer.status).toBe(200);
    expect(answer.body).not.toMatch(/\bat .*\.(js|ts):\d+/);
    return answer;
  };
  const stored = async () => (await k.bot.services.store.get(incident.id)) as Incident;
  const header = () => k.emulator.messages(channel).find((m) => m.ts === links['header']);

  beforeAll(async () => {
    k = await startKlaxon({ worker: true });
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Optimizer results are wrong' });
    const id = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
    links = await eventually(async () => {
      const all = await k.bot.services.store.getLinks(id);
      return all['announcement'] && all['playbooks'] ? all : undefined;
    }, 'the incident set up');
    channel = links['channel'] as string;
    incident = (await k.bot.services.store.get(id)) as Incident;
  });
  afterAll(async () => {
    const rejected = k?.emulator.calls().filter((c) => c.error === 'invalid_blocks' || c.error === 'no_text') ?? [];
    await k?.stop();
    expect(rejected.map((c) => `${c.method}: ${c.error}`)).toEqual([]);
  });

  it('update: posts to the channel and the stakeholders and ticks 中間報告', async () => {
    const answer = await command('update Rolled back the optimizer config; rerunning backtests');
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    await eventually(() => k.emulator.messages(channel).some((m) => m.text.includes('Rolled back the optimizer config')), 'the update in the channel');
    await eventually(() => k.emulator.messages(k.stakeholders).some((m) => m.text.includes('Rolled back the optimizer config')), 'the update for stakeholders');
    expect((await stored()).checklist.interim_report).toMatchObject({ done: true, auto: true });
    const timeline = await k.bot.services.store.timelineAll(incident.id);
    expect(timeline.filter((e) => e.type === 'update_posted')).toHaveLength(1);
  });

  it('severity: recomputes both clocks in the header', async () => {
    const dueDate = (ms: number) => `<!date^${Math.floor(ms / 1000)}^`;
    const declaredAt = incident.declaredAt;
    expect(JSON.stringify(header()?.blocks)).toContain(dueDate(declaredAt + 30 * MINUTE));
    await command('severity critical');
    const blocks = await eventually(() => {
      const json = JSON.stringify(header()?.blocks ?? []);
      return json.includes(dueDate(declaredAt + 15 * MINUTE)) ? json : undefined;
    }, 'the critical first-response clock in the header');
    expect(blocks).toContain(dueDate(declaredAt + 60 * MINUTE));
    expect(blocks).not.toContain(dueDate(declaredAt + 30 * MINUTE));
    expect(blocks).not.toContain(dueDate(declaredAt + 240 * MINUTE));
    expect((await stored()).severity).toBe('critical');
  });

  it('assign: records the role and shows the commander in the header', async () => {
    await command(`assign commander <@${USERS.l3}|dev>`);
    expect((await stored()).roles.commander).toBe(USERS.l3);
    await eventually(() => JSON.stringify(header()?.blocks ?? []).includes(`<@${USERS.l3}>`), 'the commander in the header');
  });

  it('note: adds a note to the timeline', async () => {
    const answer = await command('note The cache directory was full at 09:40');
    expect(answer.body).toMatch(/Note added/);
    const notes = (await k.bot.services.store.timelineAll(incident.id)).filter((e) => e.type === 'note');
    expect(notes).toMatchObject([{ text: 'The cache directory was full at 09:40', by: USERS.l2 }]);
  });

  it('status: shows the incident, its clocks and the online workers', async () => {
    await eventually(async () => (await k.bot.redis.keys(`*${k.config.redisPrefix}*worker*`)).length > 0, 'the worker heartbeat');
    const answer = await command('status');
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.body).toContain(incident.id);
    expect(answer.body).toContain('backtest-1');
  });

  it('list: lists open incidents', async () => {
    const answer = await command('list', k.general);
    expect(answer.body).toContain(incident.id);
    expect(answer.body).toContain('Optimizer results are wrong');
  });

  it('help: names every subcommand', async () => {
    const answer = await command('help', k.general);
    for (const sub of ['declare', 'update', 'severity', 'assign', 'note', 'run', 'status', 'list', 'resolve', 'close']) expect(answer.body).toContain(sub);
  });

  it('run: queues a catalogue command and answers at once', async () => {
    const answer = await command('run env.python-version');
    expect(answer.body).toMatch(/queued|Python version/i);
    expect(answer.body).toContain('backtest-1');
    await eventually(async () => (await k.bot.services.store.timelineAll(incident.id)).some((e) => e.type === 'job_queued' && e.commandId === 'env.python-version'), 'the queued job');
    const refused = await command('run no.such-command');
    expect(refused.body).toMatch(/Cannot run that/);
    const argv = await command('run rm -rf /');
    expect(argv.body).toMatch(/not a key=value parameter/);
  });

  it('close before resolve: says to resolve first and opens nothing', async () => {
    const views = k.emulator.views().length;
    await command('close');
    await eventually(() => k.emulator.ephemerals(channel, USERS.l2).find((e) => e.text.includes('/incident resolve')), 'the resolve-first reply');
    expect(k.emulator.views().length).toBe(views);
  });

  it('resolve, then close: records recovery and opens the close modal', async () => {
    const answer = await command('resolve');
    expect(answer.body).toMatch(/Recovery recorded/);
    const resolved = await stored();
    expect(resolved.status).toBe('resolved');
    expect(resolved.checklist.recovery_confirmed).toMatchObject({ done: true });
    await command('close');
    const modal = await eventually(() => k.emulator.views().find((v) => v.view['callback_id'] === CALLBACK.close && v.state === 'open'), 'the close modal');
    expect(modal.view['private_metadata']).toBe(incident.id);
  });

  it.each(['update', 'note', 'severity', 'assign', 'status', 'resolve', 'close', 'run env.python-version'])(
    '%s outside an incident channel says it needs one',
    async (text) => {
      const args = { update: 'update hello', note: 'note hello', severity: 'severity low', assign: `assign scribe <@${USERS.l1}>` } as Record<string, string>;
      const before = k.emulator.ephemerals(k.general, USERS.l2).length;
      const answer = await command(args[text] ?? text, k.general);
      // close answers after its ack (it may open a modal), through the response URL.
      const said = answer.body || (await eventually(() => k.emulator.ephemerals(k.general, USERS.l2).slice(before).map((e) => e.text).join('\n') || undefined, 'the reply'));
      expect(said).toContain('only works in an incident channel');
    },
  );

  it.each([
    ['frobnicate now', /Usage|unknown|help/i],
    ['severity apocalyptic', /not a severity|critical/i],
    ['assign overlord someone', /commander/i],
    ['assign commander nobody', /user|@/i],
    ['update', /Usage|missing|text/i],
    ['run', /Usage|command/i],
    ['run logs.tail-errors lines', /Usage|k=v|=/i],
  ])('"%s" gets a short ephemeral usage message', async (text, expected) => {
    const answer = await command(text);
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.body).toMatch(expected);
    expect((answer.json as { text: string }).text.length).toBeLessThan(600);
    expect(answer.body).not.toMatch(/Error:|TypeError|stack/);
  });

  it('declare without arguments opens the modal; submitting it declares the incident', async () => {
    const answer = await command('declare', k.general, USERS.l1);
    expect(answer.body).toBe('');
    const modal = await eventually(() => k.emulator.views().find((v) => v.view['callback_id'] === CALLBACK.declare && v.state === 'open'), 'the declare modal');
    const submitted = await k.emulator.submitView({
      userId: USERS.l1,
      viewId: modal.id,
      values: { [INPUT.title.block]: { [INPUT.title.action]: 'Declared from the modal' }, [INPUT.severity.block]: { [INPUT.severity.action]: 'medium' } },
    });
    expect(submitted.status).toBe(200);
    const created = await eventually(() => k.emulator.channels().find((c) => c.name.endsWith('-declared-from-the-modal')), 'the channel of the modal incident');
    // The channel exists a moment before the bot records it as the incident's.
    const declared = await eventually(() => k.bot.services.store.findByLink('channel', created.id), 'the channel recorded as the incident\'s');
    expect(declared).toMatchObject({ title: 'Declared from the modal', severity: 'medium', declaredBy: USERS.l1 });
  });

  it('the declare modal keeps the detection time (team zone) and the description, and refuses a bad time', async () => {
    const open = async () => {
      await command('declare', k.general, USERS.l2);
      return eventually(() => k.emulator.views().find((v) => v.view['callback_id'] === CALLBACK.declare && v.state === 'open'), 'the declare modal');
    };
    const values = (detected: string) => ({
      [INPUT.title.block]: { [INPUT.title.action]: 'Detected earlier' },
      [INPUT.severity.block]: { [INPUT.severity.action]: 'high' },
      [INPUT.detectedAt.block]: { [INPUT.detectedAt.action]: detected },
      [INPUT.description.block]: { [INPUT.description.action]: 'Optimizer jobs pile up since the nightly run' },
    });
    const first = await open();
    const refused = await k.emulator.submitView({ userId: USERS.l2, viewId: first.id, values: values('tomorrow-ish') });
    expect(refused.json).toMatchObject({ response_action: 'errors', errors: { [INPUT.detectedAt.block]: expect.stringContaining('09:40') } });
    await k.emulator.closeView({ userId: USERS.l2, viewId: first.id });

    const detectedAt = k.bot.services.now() - 45 * 60_000;
    const typed = formatInstant(detectedAt, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm');
    const second = await open();
    expect((await k.emulator.submitView({ userId: USERS.l2, viewId: second.id, values: values(typed) })).status).toBe(200);
    const created = await eventually(() => k.emulator.channels().find((c) => c.name.endsWith('-detected-earlier')), 'the channel');
    // The channel exists before Slack's answer names it to klaxon, which links it then.
    const declared = await eventually(() => k.bot.services.store.findByLink('channel', created.id), 'the incident linked to its channel');
    expect(declared.detectedAt).toBe(Math.floor(detectedAt / 60_000) * 60_000);
    const note = await eventually(async () => (await k.bot.services.store.timelineAll(declared.id)).find((e) => e.type === 'note'), 'the description note');
    expect(note).toMatchObject({ text: 'Optimizer jobs pile up since the nightly run', by: USERS.l2 });
  });

  it('a title too long for one opens the declare form with the text in it, and gives back what the form cannot hold', async () => {
    const first = 'Backtests crash on start & the optimizer <queue> piles up';
    const typed = `${first}\n${'詳細なログの抜粋 '.repeat(500)}`;
    expect(typed.length).toBeGreaterThan(4_000);
    const before = new Set(k.emulator.views().map((v) => v.id));
    // The emulator sends it as Slack does: `&`, `<`, `>` as entities.
    const answer = await command(`declare critical ${typed}`, k.general, USERS.l3);
    expect(answer.body).not.toMatch(/too long/i);
    const modal = await eventually(() => k.emulator.views().find((v) => !before.has(v.id) && v.view['callback_id'] === CALLBACK.declare), 'the declare modal');
    const input = (block: string) => ((modal.view['blocks'] as { block_id: string; element: { initial_value?: string; initial_option?: { value: string } } }[]).find((b) => b.block_id === block))?.element;
    expect(input(INPUT.title.block)?.initial_value).toBe(first);
    expect(input(INPUT.severity.block)?.initial_option?.value).toBe('critical');
    expect(typed.startsWith((input(INPUT.description.block)?.initial_value ?? '').replace(/…$/, ''))).toBe(true);
    expect(input(INPUT.description.block)?.initial_value?.length).toBeGreaterThan(2_900);
    const kept = await eventually(() => k.emulator.ephemerals(k.general, USERS.l3).find((e) => e.text.includes('/incident note')), 'the whole text given back');
    expect(JSON.stringify(kept.blocks)).toContain('詳細なログの抜粋');
  });

  it('a 📌 on a message adds it to the timeline at its original time', async () => {
    const other = await k.bot.services.store.listOpen();
    const open = other.find((i) => i.id !== incident.id && i.status !== 'closed') as Incident;
    const openChannel = (await k.bot.services.store.getLinks(open.id))['channel'] as string;
    const message = k.emulator.postUserMessage({ userId: USERS.l3, channelId: openChannel, text: 'OOM killer hit the optimizer at 09:41' });
    await pause(150);
    expect((await k.emulator.addReaction({ userId: USERS.l1, channelId: openChannel, ts: message.ts, name: 'pushpin' })).status).toBe(200);
    const pinned = await eventually(async () => (await k.bot.services.store.timelineAll(open.id)).find((e) => e.type === 'pinned'), 'the pinned event');
    expect(pinned).toMatchObject({ type: 'pinned', text: 'OOM killer hit the optimizer at 09:41', author: USERS.l3, by: USERS.l1 });
    expect(pinned.at).toBe(Math.round(Number(message.ts) * 1000));
    if (pinned.type === 'pinned') expect(pinned.pinnedAt).toBeGreaterThan(pinned.at);
    // Other reactions are not pins.
    const plain = k.emulator.postUserMessage({ userId: USERS.l3, channelId: openChannel, text: 'thanks' });
    await k.emulator.addReaction({ userId: USERS.l1, channelId: openChannel, ts: plain.ts, name: 'thumbsup' });
    await pause(200);
    expect((await k.bot.services.store.timelineAll(open.id)).filter((e) => e.type === 'pinned')).toHaveLength(1);
  });

  it('a 📌 whose record fails once (Slack has had its answer by then) is tried again, not lost', async () => {
    const open = (await k.bot.services.store.listOpen()).find((i) => i.id !== incident.id && i.status !== 'closed') as Incident;
    const openChannel = (await k.bot.services.store.getLinks(open.id))['channel'] as string;
    const message = k.emulator.postUserMessage({ userId: USERS.l3, channelId: openChannel, text: 'disk full on backtest-1 at 10:02' });
    const { store } = k.bot.services;
    let failed = 0;
    const update: typeof store.update = (id, transition, opts) =>
      opts?.idempotencyKey?.startsWith('pin-') && failed === 0 ? ((failed += 1), Promise.reject(new Error('Redis went away'))) : store.update(id, transition, opts);
    Object.assign(k.bot.services, { store: { ...store, update } });
    try {
      expect((await k.emulator.addReaction({ userId: USERS.l2, channelId: openChannel, ts: message.ts, name: 'round_pushpin' })).status).toBe(200);
      const pinned = await eventually(async () => (await store.timelineAll(open.id)).find((e) => e.type === 'pinned' && e.text === 'disk full on backtest-1 at 10:02'), 'the pin, after its retry', 20_000);
      expect(failed).toBe(1);
      expect(pinned).toMatchObject({ by: USERS.l2, author: USERS.l3, at: Math.round(Number(message.ts) * 1000) });
      // A second 📌 on the same message records nothing more.
      await k.emulator.addReaction({ userId: USERS.l1, channelId: openChannel, ts: message.ts, name: 'pushpin' });
      await pause(300);
      expect((await store.timelineAll(open.id)).filter((e) => e.type === 'pinned' && e.text === 'disk full on backtest-1 at 10:02')).toHaveLength(1);
    } finally {
      Object.assign(k.bot.services, { store });
    }
  });

  it('serves /healthz and Prometheus /metrics', async () => {
    const health = await fetch(`${k.bot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const metrics = await fetch(`${k.bot.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^# HELP /m);
    expect(text).toMatch(/^# TYPE \S+ (counter|histogram|gauge)/m);
  });
});
