// Bolt answers an Events API event before its listeners run, so an event whose listener failed (Redis away
// while a 📌's job was queued) was lost: Slack had its success and does not send an answered event again.
// Here an event is answered once its listeners are done. A failure is answered as one (the HTTP receiver's
// 500; over Socket Mode the envelope stays unacknowledged), after the replay guard has let go of the event,
// so that Slack's next copy of it (sent at once, then after a minute, then after five) is handled, not dropped
// as a replay. A copy that comes while the first is still being handled (Slack sends one 3 s after the first
// without waiting for its answer) is answered as not taken too: the first may yet fail, and Slack's next copy
// finds it handled (a replay) or let go (handled then). klaxon's event listeners read Redis and queue a job.
import type { App, ReceiverEvent } from '@slack/bolt';
import type { ReplayGuard } from './replay-guard.js';

/** A copy of an event whose first copy is still being handled: answered as not taken, so Slack sends it later. */
export class EventStillHandled extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} is still being handled; this copy is answered as not taken, so Slack sends it again later`);
    this.name = 'EventStillHandled';
  }
}

export function answerEventsWhenHandled(app: App, guard: Pick<ReplayGuard, 'verdict' | 'settled'>): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const body = event.body as Record<string, unknown>;
    if (body['type'] !== 'event_callback') return processEvent(event);
    if ((await guard.verdict(body)) === 'busy') throw new EventStillHandled(String(body['event_id']));
    try {
      await processEvent({ ...event, ack: async () => undefined });
    } catch (error) {
      await guard.settled(body, false);
      throw error;
    }
    // The answer does not wait for the "handled" mark (a copy that comes meanwhile is busy, and Slack sends
    // another later); a failure above is let go of first, so that Slack's next copy, sent at once, is handled.
    void guard.settled(body, true);
    // An answer later than Slack's 3 s finds the request answered already (Bolt's 404; Slack's retry is on its
    // way) or the socket gone: nothing is left to tell anyone.
    await event.ack().catch(() => undefined);
  };
}
