// Applies one domain transition to a stored incident, once per request, re-renders its messages and re-times
// its clocks.
import type { DomainError, TransitionResult } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { AuditEntry, NotFound, Updated } from './ports.js';
import { announceChanges } from './announce-changes.js';
import { scheduleClocks } from './schedule-clocks.js';
import type { Services } from './services.js';

export async function apply(
  services: Services,
  incidentId: string,
  transition: (incident: Incident) => TransitionResult,
  key: string,
  how: {
    /**
     * Work that needs the transition stored but must not wait for the redraw and the clocks (a host job someone
     * is waiting to see start); it is told whether the transition was stored before.
     */
    readonly first?: (duplicate: boolean) => Promise<void>;
    /** The incident as the caller just read it (see IncidentStore.update). */
    readonly lastSeen?: Incident;
    /** Written with the transition, in the same step (see IncidentStore.update). */
    readonly audit?: AuditEntry;
  } = {},
): Promise<Result<Updated, DomainError | NotFound>> {
  const { first, lastSeen, audit } = how;
  const result = await services.store.update(incidentId, transition, { idempotencyKey: key, ...(lastSeen ? { lastSeen } : {}), ...(audit ? { audit } : {}) });
  if (first && result.ok) await first(result.value.duplicate);
  if (result.ok && !result.value.duplicate) {
    await services.effects.render(incidentId);
    await announceChanges(services, result.value.events);
  }
  // Also on a duplicate: a retry then repairs a schedule its first attempt did not finish.
  if (result.ok) await scheduleClocks(services, result.value.incident);
  return result;
}
