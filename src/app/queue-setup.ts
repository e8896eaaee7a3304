// An incident's Slack setup (its channel, checklist, announcement) is one effect job named after the incident:
// queueing it again while it waits, runs, or has failed adds nothing, and a run of it skips the steps its links
// say are done. So whoever finds an incident without its channel may queue the setup again.
import type { EffectJob } from './ports.js';
import type { Services } from './services.js';

/** Where a declaration was asked for: its setup answers there ("declared, see #channel"). */
export type SetupOrigin = NonNullable<Extract<EffectJob, { name: 'setup' }>['data']['origin']>;

export const setupJobId = (incidentId: string): string => `setup-${incidentId}`;

export async function queueSetup(services: Services, incidentId: string, origin?: SetupOrigin): Promise<void> {
  await services.effects.enqueue({ name: 'setup', data: { incidentId, ...(origin ? { origin } : {}) } }, setupJobId(incidentId));
}
