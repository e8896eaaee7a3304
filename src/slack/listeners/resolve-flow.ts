// Resolving, from the command or the header button: record the recovery, then offer the §8.1 suite.
import { apply } from '../../app/apply.js';
import type { Services } from '../../app/services.js';
import type { Actor } from '../../domain/incident.js';
import { resolveIncident, type DomainError } from '../../domain/lifecycle.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { NotFound } from '../../store/incident-store.js';
import { verificationOffer } from '../views/verification-offer.js';

export async function resolveAndOfferVerification(services: Services, incidentId: string, actor: Actor): Promise<Result<void, DomainError | NotFound>> {
  const result = await apply(services, incidentId, (i) => resolveIncident(i, actor), actor.key);
  if (!result.ok) return err(result.error);
  const { locale, timeZone } = services.config;
  const offer = verificationOffer({
    incident: result.value.incident,
    playbooks: services.playbooks,
    commands: (id) => services.catalogue.find((c) => c.id === id),
    locale,
    timeZone,
  });
  await services.producers.enqueueSlack(
    { name: 'post', data: { incidentId, to: 'incident', message: offer, saveAs: 'verificationOffer' } },
    `verify-offer-${incidentId}`,
  );
  return ok(undefined);
}
