// Shared plumbing of the listeners: the incident a channel belongs to, and actors from Slack requests.
import type { Incident } from '../../domain/incident.js';
import type { Services } from '../../app/services.js';

export async function incidentOfChannel(services: Services, channelId: string | undefined): Promise<Incident | undefined> {
  return channelId ? services.store.findByLink('channel', channelId) : undefined;
}

/** An actor whose key makes a retried request idempotent. */
export const actorFrom = (services: Services, by: string, key: string) => ({ by, key, at: services.now() });
