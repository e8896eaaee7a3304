import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../../src/sandbox/emulator/slack-emulator.js';
import { eventually, startBoltApp } from '../bolt-fixture.js';
import { slackError, startEmulator } from '../emulator-fixture.js';

let emulator: SlackEmulator;
let client: WebClient;
let bot: { app: App; stop: () => Promise<void> };
let clockOffset = 0;
const triggers: string[] = [];
const submissions: { values: Record<string, Record<string, unknown>>; metadata: string }[] = [];
const closed: string[] = [];

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (notify = false) => ({
  type: 'modal' as const,
  callback_id: 'declare',
  title: plain('Declare'),
  submit: plain('Declare'),
  close: plain('Cancel'),
  private_metadata: 'meta-1',
  notify_on_close: notify,
  blocks: [
    { type: 'input' as const, block_id: 'title', label: plain('Title'), element: { type: 'plain_text_input' as const, action_id: 'v' } },
    { type: 'input' as const, block_id: 'sev', label: plain('Severity'), element: { type: 'static_select' as const, action_id: 'v', options: [{ text: plain('Critical'), value: 'critical' }] } },
    { type: 'input' as const, block_id: 'cmdr', label: plain('Commander'), element: { type: 'users_select' as const, action_id: 'v' } },
  ],
});

beforeAll(async () => {
  ({ emulator, client } = await startEmulator({ now: () => Date.now() + clockOffset }));
  bot = await startBoltApp(emulator, (app) => {
    app.command('/incident', async ({ ack, command, client: c }) => {
      await ack();
      if (command.text === 'keep') triggers.push(command.trigger_id);
      else await c.views.open({ trigger_id: command.trigger_id, view: modal(command.text === 'notify') });
    });
    app.view('declare', async ({ ack, view }) => {
      const values = view.state.values as Record<string, Record<string, unknown>>;
      submissions.push({ values, metadata: view.private_metadata });
      const title = (values['title']?.['v'] as { value: string | null }).value;
      if (title === 'bad') await ack({ response_action: 'errors', errors: { title: 'Title is too vague' } });
      else await ack();
    });
    app.view({ callback_id: 'declare', type: 'view_closed' }, async ({ ack, view }) => {
      await ack();
      closed.push(view.id);
    });
  });
});
afterAll(async () => {
  await bot.stop();
  await emulator.close();
});

const general = () => emulator.channel('general')?.id ?? '';
const openedView = () => eventually(() => {
  const view = emulator.views().at(-1);
  if (!view || view.state !== 'open') throw new Error('no open view');
  return view;
});

describe('views.open and submissions', () => {
  it('opens the modal, sends typed state on submit, and keeps it open on errors', async () => {
    await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'open' });
    const view = await openedView();
    expect(view.id).toMatch(/^V[0-9A-Z]{10}$/);
    expect(view.view['callback_id']).toBe('declare');

    const rejected = await emulator.submitView({ userId: 'U0L1OPS', viewId: view.id, values: { title: { v: 'bad' }, sev: { v: 'critical' }, cmdr: { v: 'U0L2SYS' } } });
    expect(rejected.json).toEqual({ response_action: 'errors', errors: { title: 'Title is too vague' } });
    expect(view.state).toBe('open');
    expect(view.errors).toEqual({ title: 'Title is too vague' });
    expect(submissions[0]).toEqual({
      metadata: 'meta-1',
      values: {
        title: { v: { type: 'plain_text_input', value: 'bad' } },
        sev: { v: { type: 'static_select', selected_option: { text: plain('Critical'), value: 'critical' } } },
        cmdr: { v: { type: 'users_select', selected_user: 'U0L2SYS' } },
      },
    });

    const accepted = await emulator.submitView({ userId: 'U0L1OPS', viewId: view.id, values: { title: { v: 'DB down' }, sev: { v: 'critical' }, cmdr: { v: 'U0L2SYS' } } });
    expect(accepted.status).toBe(200);
    expect(view.state).toBe('submitted');
  });

  it('tells the bot about a closed view only when it asked (notify_on_close)', async () => {
    await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'open' });
    const quiet = await openedView();
    expect((await emulator.closeView({ userId: 'U0L1OPS', viewId: quiet.id })).status).toBe(0);
    await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'notify' });
    const loud = await openedView();
    expect((await emulator.closeView({ userId: 'U0L1OPS', viewId: loud.id })).status).toBe(200);
    await eventually(() => expect(closed).toEqual([loud.id]));
    expect(loud.state).toBe('closed');
  });
});

describe('trigger ids', () => {
  const keepTrigger = async () => {
    await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'keep' });
    return eventually(() => triggers.at(-1) ?? (() => { throw new Error('no trigger yet'); })());
  };

  it('work once: a second use is exchanged_trigger_id', async () => {
    const trigger = await keepTrigger();
    expect((await client.views.open({ trigger_id: trigger, view: modal() })).ok).toBe(true);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toBe('exchanged_trigger_id');
  });

  it('expire after about 3 s', async () => {
    const trigger = await keepTrigger();
    clockOffset = 3_500;
    try {
      expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toBe('expired_trigger_id');
    } finally {
      clockOffset = 0;
    }
  });

  it('must be real', async () => {
    expect(await slackError(client.views.open({ trigger_id: '123.456.abc', view: modal() }))).toBe('invalid_trigger_id');
  });
});

describe('views.update / views.push and limits', () => {
  it('updates by id with the right hash and refuses a stale one', async () => {
    const opened = await client.views.open({ trigger_id: await (async () => {
      await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'keep' });
      return eventually(() => triggers.at(-1)!);
    })(), view: modal() });
    const id = opened.view?.id ?? '';
    const hash = opened.view?.hash ?? '';
    const updated = await client.views.update({ view_id: id, hash, view: { ...modal(), title: plain('Updated') } });
    expect(updated.view?.hash).not.toBe(hash);
    expect(emulator.views().find((v) => v.id === id)?.view['title']).toEqual(plain('Updated'));
    expect(await slackError(client.views.update({ view_id: id, hash, view: modal() }))).toBe('hash_conflict');
  });

  it('refuses views that break the limits or are too large', async () => {
    const trigger = async () => {
      await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'keep' });
      return eventually(() => triggers.at(-1)!);
    };
    expect(await slackError(client.views.open({ trigger_id: await trigger(), view: { ...modal(), title: plain('x'.repeat(25)) } }))).toBe('invalid_arguments');
    const huge = { ...modal(), blocks: Array.from({ length: 100 }, (_, i) => ({ type: 'section' as const, block_id: `b${i}`, text: { type: 'mrkdwn' as const, text: 'x'.repeat(3000) } })), submit: undefined };
    expect(await slackError(client.views.open({ trigger_id: await trigger(), view: huge as never }))).toBe('view_too_large');
  });

  it('pushes at most 3 views on a stack', async () => {
    const trigger = async () => {
      await emulator.slashCommand({ userId: 'U0L3DEV', channelId: general(), text: 'keep' });
      return eventually(() => triggers.at(-1)!);
    };
    for (const v of emulator.views()) if (v.userId === 'U0L3DEV') v.state = 'closed';
    await client.views.open({ trigger_id: await trigger(), view: modal() });
    await client.views.push({ trigger_id: await trigger(), view: modal() });
    await client.views.push({ trigger_id: await trigger(), view: modal() });
    expect(await slackError(client.views.push({ trigger_id: await trigger(), view: modal() }))).toBe('push_limit_reached');
  });
});

describe('views.publish', () => {
  const home = (text: string) => ({ type: 'home' as const, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }] });

  it('replaces a person’s Home tab whole, keeps its id, and refuses a stale hash', async () => {
    const first = await client.views.publish({ user_id: 'U0L1OPS', view: home('first') });
    const second = await client.views.publish({ user_id: 'U0L1OPS', view: home('second'), hash: first.view?.hash as string });
    expect(second.view?.id).toBe(first.view?.id);
    expect(JSON.stringify(emulator.home('U0L1OPS')?.view)).toContain('second');
    expect(await slackError(client.views.publish({ user_id: 'U0L1OPS', view: home('third'), hash: first.view?.hash as string }))).toBe('hash_conflict');
  });

  it('answers user_not_found for nobody and invalid_arguments for a modal', async () => {
    expect(await slackError(client.views.publish({ user_id: 'U0NOBODY', view: home('x') }))).toBe('user_not_found');
    expect(await slackError(client.views.publish({ user_id: 'U0L1OPS', view: modal() as never }))).toBe('invalid_arguments');
  });
});
