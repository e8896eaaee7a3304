// Every click in an incident channel is handled on that channel's incident. Its read starts at the front door,
// as the replay claim does, so the two round trips to Redis run together while Bolt works on the request: the
// listener then finds the incident read, where it used to wait for a read of its own after the claim.
import type { IncidentStore } from '../app/ports.js';
import type { Incident } from '../domain/incident.js';
import { incidentOfChannel } from './incident-of-channel.js';

export interface EarlyIncidentReads {
  /** Starts reading the incident of the channel a signed click (`block_actions`) came from; nothing for other requests. */
  readonly start: (body: Record<string, unknown>) => void;
  /**
   * The incident of `channelId` for the request `body`: the read started for it at the front door, or a new one
   * (Socket Mode has no front door; a listener may ask for another channel). An early read is used once.
   */
  readonly incidentOf: (body: object, channelId: string | undefined) => Promise<Incident | undefined>;
}

const channelOf = (body: Record<string, unknown>): string | undefined => {
  const channel = body['channel'];
  const id = typeof channel === 'object' && channel !== null ? (channel as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

export function createEarlyIncidentReads(store: Pick<IncidentStore, 'findByLink'>): EarlyIncidentReads {
  const started = new WeakMap<object, { readonly channel: string; readonly reading: Promise<Incident | undefined> }>();
  return {
    start(body) {
      const channel = body['type'] === 'block_actions' ? channelOf(body) : undefined;
      if (channel === undefined) return;
      const reading = incidentOfChannel(store, channel);
      // A failed read is the listener's to report, if it asks; one nobody asks for is dropped with its body.
      reading.catch(() => undefined);
      started.set(body, { channel, reading });
    },
    incidentOf(body, channelId) {
      const early = started.get(body);
      started.delete(body);
      return early !== undefined && early.channel === channelId ? early.reading : incidentOfChannel(store, channelId);
    },
  };
}
