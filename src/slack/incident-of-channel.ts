// The incident a Slack channel belongs to: what every request from an incident channel is handled on.
import type { IncidentStore } from '../app/ports.js';
import type { Incident } from '../domain/incident.js';

export async function incidentOfChannel(store: Pick<IncidentStore, 'findByLink'>, channelId: string | undefined): Promise<Incident | undefined> {
  return channelId ? store.findByLink('channel', channelId) : undefined;
}
