// An incident's Slack setup (its channel, checklist, announcement) is one effect job named after the incident:
// queueing it again while it waits, runs, or has failed adds nothing, and a run of it skips the steps its links
// say are done. So whoever finds an incident without its channel may queue the setup again.
import type { EffectJob } from './ports.js';
import type { Services } from './services.js';

type Origin = NonNullable<Extract<EffectJob, { name: 'setup' }>['data']['origin']>;

export const setupJobId = (incidentId: string): string => `setup-${incidentId}`;

export async function queueSetup(services: Services, incidentId: string, origin?: Origin): Promise<void> {
  await services.effects.enqueue({ name: 'setup', data: { incidentId, ...(origin ? { origin } : {}) } }, setupJobId(incidentId));
}

/**
 * Queues the setup of an incident that has no channel yet (its declarer may have died before queueing it);
 * answers whether it had none. A setup that is queued or running already is not queued twice.
 */
export async function queueSetupIfMissing(services: Services, incidentId: string): Promise<boolean> {
  if ((await services.store.getLinks(incidentId)).channel !== undefined) return false;
  await queueSetup(services, incidentId);
  return true;
}
