// An Events API event is answered once its listeners are done, and a failed one is not answered at all (the
// receivers then answer 500 or leave the envelope unacknowledged, so Slack sends it again) after the replay
// guard let go of it; a copy that comes while the first is being handled is not taken either. Commands and
// interactions keep Bolt's ack, which their listeners call.
import { App, type Receiver } from '@slack/bolt';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/app/services.js';
import { answerEventsWhenHandled, EventStillHandled } from '../../src/slack/answer-events-when-handled.js';
import type { Verdict } from '../../src/slack/replay-guard.js';
import { reportFailure } from '../../src/slack/report-failure.js';
import type { SlackApi } from '../../src/slack/slack-api.js';

const receiver: Receiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

// The bot's own error handler: it has nobody to apologise to for an event, and gives the failure back.
const services = { logger: silent, config: { locale: 'en' } } as unknown as Services;
const slack = { chat: { postEphemeral: async () => ({ ok: true }) } } as unknown as SlackApi;

/** The app, with a replay guard that says `verdict` of every copy and writes down how each was settled. */
function anApp(steps: string[], verdict: Verdict = 'first') {
  const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-events-test', botId: 'B1', botUserId: 'U0BOT' }), logger: silent, extendedErrorHandler: true });
  app.error((args: ExtendedErrorHandlerArgs) => reportFailure(services, slack)(args));
  const settled = async (body: unknown, handled: boolean) => void steps.push(`${handled ? 'handled' : 'let go'} ${String((body as { event_id?: unknown }).event_id)}`);
  answerEventsWhenHandled(app, { verdict: async () => verdict, settled });
  return app;
}

const reaction = (eventId: string) => ({
  type: 'event_callback',
  team_id: 'T1',
  api_app_id: 'A1',
  event_id: eventId,
  event_time: 1,
  event: { type: 'reaction_added', user: 'U1', reaction: 'pushpin', item: { type: 'message', channel: 'C1', ts: '1.0' }, event_ts: '1.1' },
});

const command = { command: '/incident', text: 'help', user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: 't.1', response_url: 'https://hooks.invalid/1' };

describe('answerEventsWhenHandled', () => {
  it('answers an event after its listener has finished, not before it starts', async () => {
    const steps: string[] = [];
    const app = anApp(steps);
    app.event('reaction_added', async () => {
      steps.push('listener started');
      await new Promise((resolve) => setTimeout(resolve, 20));
      steps.push('listener done');
    });
    await app.processEvent({ body: reaction('Ev1'), ack: async () => void steps.push('answered') });
    expect(steps).toEqual(['listener started', 'listener done', 'handled Ev1', 'answered']);
  });

  it('leaves a failed event unanswered, its claim let go before the failure goes back to the receiver', async () => {
    const steps: string[] = [];
    const app = anApp(steps);
    app.event('reaction_added', async () => {
      steps.push('listener failed');
      throw new Error('Redis is away');
    });
    await expect(app.processEvent({ body: reaction('Ev2'), ack: async () => void steps.push('answered') })).rejects.toThrow('Redis is away');
    expect(steps).toEqual(['listener failed', 'let go Ev2']);
  });

  it('does not take a copy of an event whose first copy is still being handled, nor let go of it', async () => {
    const steps: string[] = [];
    const app = anApp(steps, 'busy');
    app.event('reaction_added', async () => void steps.push('listener ran'));
    await expect(app.processEvent({ body: reaction('Ev4'), ack: async () => void steps.push('answered') })).rejects.toBeInstanceOf(EventStillHandled);
    expect(steps).toEqual([]);
  });

  it('answers an event nobody listens for', async () => {
    let answered = 0;
    const app = anApp([]);
    await app.processEvent({ body: { ...reaction('Ev3'), event: { type: 'member_joined_channel', user: 'U1', channel: 'C1' } }, ack: async () => void (answered += 1) });
    expect(answered).toBe(1);
  });

  it('keeps Bolt’s ack for a command: its listener answers, and its failure is the apology’s, not a retry', async () => {
    const steps: string[] = [];
    const app = anApp(steps);
    app.command('/incident', async ({ ack }) => {
      await ack();
      steps.push('acked by the listener');
      throw new Error('after the ack');
    });
    await app.processEvent({ body: command, ack: async () => void steps.push('answered') });
    expect(steps).toEqual(['answered', 'acked by the listener']);
  });
});
