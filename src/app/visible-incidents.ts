// Which incidents a person may see listed (`/incident list`, the App Home): private ones only from inside.
import type { Incident } from '../domain/incident.js';
import { maySee } from '../domain/visibility.js';
import { personOf } from './authorise.js';
import type { Services } from './services.js';

export async function visibleTo(services: Services, userId: string, incidents: readonly Incident[]): Promise<Incident[]> {
  if (!incidents.some((incident) => incident.private === true)) return [...incidents];
  const { person } = await personOf(services, userId);
  return incidents.filter((incident) => maySee(services.policy, incident, person));
}
