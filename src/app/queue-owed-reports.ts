// The §9 report of a close that was stored but whose report job never was (the bot died, or Redis failed, in
// between): every bot looks for such closes once it is up and queues their reports. The job id is the one the
// close uses, and delivery is idempotent, so a report being delivered right now is not delivered twice.
import type { Services } from './services.js';

/** Queues the report of every closed incident that still owes one; answers their ids. */
export async function queueOwedReports(services: Services): Promise<string[]> {
  const owed = await services.store.getMany(await services.store.reportsOwed());
  const closed = owed.filter((incident) => incident.status === 'closed');
  for (const incident of closed) {
    await services.effects.enqueue({ name: 'report', data: { incidentId: incident.id, by: incident.closedBy } }, `report-${incident.id}`);
  }
  return closed.map((incident) => incident.id);
}
