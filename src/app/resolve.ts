// Resolving, from the command or the header button: record the recovery, then offer the §8.1 suite.
import type { Actor } from '../domain/incident.js';
import { resolveIncident, type DomainError } from '../domain/lifecycle.js';
import { err, ok, type Result } from '../domain/result.js';
import { apply } from './apply.js';
import type { NotFound } from './ports.js';
import { requestSnapshot } from './request-run.js';
import type { Services } from './services.js';

export async function resolveAndOfferVerification(services: Services, incidentId: string, actor: Actor): Promise<Result<void, DomainError | NotFound>> {
  const result = await apply(services, incidentId, (i) => resolveIncident(i, actor), actor.key);
  if (!result.ok) {
    // A resolve that was recorded but lost its offer (a crash in between) gets it on the next try; the job id
    // and the saved link keep it to one message.
    const current = result.error.code === 'already_resolved' ? await services.store.get(incidentId) : undefined;
    if (current?.status === 'resolved') await offerVerification(services, current.id);
    return err(result.error);
  }
  await offerVerification(services, result.value.incident.id);
  // The second snapshot: what changed on the host during the incident shows in the thread and the report.
  await requestSnapshot(services, result.value.incident, 'resolved');
  return ok(undefined);
}

const offerVerification = (services: Services, incidentId: string): Promise<void> =>
  services.effects.enqueue({ name: 'verification-offer', data: { incidentId } }, `verify-offer-${incidentId}`);
