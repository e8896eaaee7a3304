// Bolt answers an Events API event before its listeners run, so an event whose listener failed (Redis away
// while a 📌's job was queued) was lost: Slack had its success and does not send an answered event again.
// Here an event is answered once its listeners are done. A failure is answered as one (the HTTP receiver's
// 500; over Socket Mode the envelope stays unacknowledged), after `failed` has let go of the event's replay
// claim, so that Slack's next copy of it (sent at once, then after a minute, then after five) is handled,
// not dropped as a replay. klaxon's event listeners read Redis and queue a job: milliseconds of Slack's 3 s.
import type { App, ReceiverEvent } from '@slack/bolt';

export function answerEventsWhenHandled(app: App, failed: (body: Record<string, unknown>) => Promise<void>): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const body = event.body as Record<string, unknown>;
    if (body['type'] !== 'event_callback') return processEvent(event);
    try {
      await processEvent({ ...event, ack: async () => undefined });
    } catch (error) {
      await failed(body);
      throw error;
    }
    // An answer later than Slack's 3 s finds the request answered already (Bolt's 404; Slack's retry is on its
    // way) or the socket gone: nothing is left to tell anyone.
    await event.ack().catch(() => undefined);
  };
}
