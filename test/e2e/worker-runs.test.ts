// Journey 2's runs end to end: `/incident run` and the Run buttons of a playbook go through the real bot, the
// host queue and a real worker on a demo host copy, and come back as a thread with the result and files.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

type Block = { type: string; block_id?: string; text?: { text?: string }; accessory?: Record<string, unknown>; elements?: Record<string, unknown>[] };

const blocksOf = (m: Message | undefined): Block[] => (m?.blocks ?? []) as Block[];
const textOf = (m: Message | undefined): string => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;

describe('runs on the backtest host, end to end', () => {
  let k: Klaxon;
  let channel: string;
  let incidentId: string;

  beforeAll(async () => {
    k = await startKlaxon({ worker: true });
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Backtests crash on start' });
    channel = (await eventually(() => k.emulator.channels().find((c) => c.name.startsWith('inc-')), 'the incident channel')).id;
    await eventually(() => k.emulator.messages(channel).length >= 3, 'the playbook offer');
    const incident = await eventually(async () => (await k.bot.services.store.listOpen())[0], 'the incident');
    incidentId = incident.id;
  });
  afterAll(async () => k?.stop());

  /** The root message of a run (top level, naming the command), once it shows `state`. */
  const runRoot = (commandId: string, state: RegExp) =>
    eventually(() => k.emulator.messages(channel).find((m) => textOf(m).includes(`\`${commandId}\``) && state.test(m.text)), `${commandId} root: ${state}`, 20_000);
  const thread = (root: Message) => k.emulator.messages(channel, { threadTs: root.ts }).filter((m) => m.ts !== root.ts);

  it('/incident run logs.collect: queued reply, thread with progress and result, files, timeline and 初期ログ収集', async () => {
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'run logs.collect' });
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.body).toContain('Queued');
    expect(answer.body).toContain('backtest-1');

    const root = await runRoot('logs.collect', /Succeeded/);
    const replies = await eventually(() => {
      const all = thread(root);
      // The output and the bundle's files arrive together, as one message in the thread.
      const withFiles = all.filter((m) => (m.files ?? []).length > 0);
      return withFiles.length === 1 && (withFiles[0]?.files ?? []).length >= 5 ? all : undefined;
    }, 'result and files in the thread', 20_000);
    expect(replies.some((m) => /Progress/.test(m.text))).toBe(true);
    const result = replies.find((m) => /Succeeded/.test(m.text));
    const resultText = textOf(result);
    expect(resultText).toContain('Exit code');
    expect(resultText).toContain('*Exit code*\\n0');
    expect(resultText).toContain('Duration');
    expect(resultText).toContain('```');
    expect(resultText).toContain('incident_logs/');

    const files = k.emulator.files().filter((f) => f.channels.includes(channel));
    const names = files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['logs.collect-output.txt', expect.stringMatching(/main\.log$/), expect.stringMatching(/errors\.log$/), expect.stringMatching(/manifest/)]));
    const output = files.find((f) => f.name === 'logs.collect-output.txt');
    expect(output?.content?.toString('utf8')).toContain('Log bundle incident_logs/');

    const finished = await eventually(
      async () => (await k.bot.services.store.timelineAll(incidentId)).find((e) => e.type === 'job_finished' && e.commandId === 'logs.collect'),
      'job_finished on the timeline',
    );
    expect(finished).toMatchObject({ outcome: 'succeeded', exitCode: 0, host: 'backtest-1' });
    expect((finished as { outputDigest: string }).outputDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(resultText).toContain((finished as { outputDigest: string }).outputDigest.slice(0, 12));
    const incident = await k.bot.services.store.get(incidentId);
    expect(incident?.checklist.initial_logs).toMatchObject({ by: 'klaxon' });
  });

  it('a Run button in a playbook step runs its command; remediations carry a confirmation', async () => {
    const offer = k.emulator.messages(channel).find((m) => blocksOf(m).some((b) => b.block_id === 'playbook_offer'));
    if (!offer) throw new Error('no playbook offer');
    await k.emulator.selectOption({ userId: USERS.l2, channelId: channel, messageTs: offer.ts, actionId: 'playbook_select', value: 'critical.outage' });
    const steps = await eventually(() => k.emulator.messages(channel, { threadTs: offer.ts }).find((m) => textOf(m).includes('env.python-version')), 'the playbook steps');
    const buttonFor = (commandId: string) =>
      blocksOf(steps).find((b) => b.accessory?.['action_id'] === 'run_command' && String(b.accessory['value']).includes(`"${commandId}"`))?.accessory;
    expect(buttonFor('env.python-version')?.['confirm']).toBeUndefined();
    expect(buttonFor('run.safe-mode')?.['confirm']).toBeDefined();
    expect(buttonFor('cleanup.temp')?.['confirm']).toMatchObject({ style: 'danger' });

    const click = await k.emulator.clickButton({ userId: USERS.l1, channelId: channel, messageTs: steps.ts, actionId: 'run_command', value: String(buttonFor('env.python-version')?.['value']) });
    expect(click.status).toBe(200);
    const root = await runRoot('env.python-version', /Succeeded/);
    const result = await eventually(() => thread(root).find((m) => /Succeeded/.test(m.text)), 'the result in the thread');
    expect(textOf(result)).toMatch(/Python 3\.\d+/);
    expect(k.emulator.ephemerals(channel, USERS.l1).some((e) => e.text.includes('Queued') && e.text.includes('Python version'))).toBe(true);
  });

  it('/incident status and klaxon doctor list the online worker', async () => {
    const status = await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel, text: 'status' });
    expect(status.body).toContain('backtest-1');
    const doctor = spawn(process.execPath, ['bin/klaxon.js', 'doctor'], {
      env: { PATH: process.env['PATH'], REDIS_URL: k.config.redisUrl, KLAXON_REDIS_PREFIX: k.config.redisPrefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    doctor.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    doctor.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => doctor.on('close', resolve));
    expect(out).toMatch(/✓ Worker backtest-1 online \(pid \d+, concurrency 2\)/);
    expect(code).toBe(0);
  });
});
