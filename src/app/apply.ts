// Applies one domain transition to a stored incident, once per request, re-renders its messages and re-times
// its clocks. `first` is work that needs the transition stored but must not wait for the redraw and the
// clocks (a host job someone is waiting to see start); it is told whether the transition was stored before.
import type { DomainError, TransitionResult } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { NotFound, Updated } from './ports.js';
import { announceChanges } from './announce-changes.js';
import { scheduleClocks } from './schedule-clocks.js';
import type { Services } from './services.js';

export async function apply(
  services: Services,
  incidentId: string,
  transition: (incident: Incident) => TransitionResult,
  key: string,
  first?: (duplicate: boolean) => Promise<void>,
  /** The incident as the caller just read it (see IncidentStore.update). */
  lastSeen?: Incident,
): Promise<Result<Updated, DomainError | NotFound>> {
  const result = await services.store.update(incidentId, transition, { idempotencyKey: key, ...(lastSeen ? { lastSeen } : {}) });
  if (first && result.ok) await first(result.value.duplicate);
  if (result.ok && !result.value.duplicate) {
    await services.effects.render(incidentId);
    await announceChanges(services, result.value.events);
  }
  // Also on a duplicate: a retry then repairs a schedule its first attempt did not finish.
  if (result.ok) await scheduleClocks(services, result.value.incident);
  return result;
}
