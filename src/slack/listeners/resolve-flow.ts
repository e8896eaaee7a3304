// Resolving, from the command or the header button: record the recovery, then offer the §8.1 suite.
import { apply } from '../../app/apply.js';
import type { Services } from '../../app/services.js';
import type { Actor, Incident } from '../../domain/incident.js';
import { resolveIncident, type DomainError } from '../../domain/lifecycle.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { NotFound } from '../../store/incident-store.js';
import { verificationOffer } from '../views/verification-offer.js';

export async function resolveAndOfferVerification(services: Services, incidentId: string, actor: Actor): Promise<Result<void, DomainError | NotFound>> {
  const result = await apply(services, incidentId, (i) => resolveIncident(i, actor), actor.key);
  if (!result.ok) {
    // A resolve that was recorded but lost its offer (a crash in between) gets it on the next try; the job id
    // and the saved link keep it to one message.
    const current = result.error.code === 'already_resolved' ? await services.store.get(incidentId) : undefined;
    if (current?.status === 'resolved') await offerVerification(services, current);
    return err(result.error);
  }
  await offerVerification(services, result.value.incident);
  return ok(undefined);
}

async function offerVerification(services: Services, incident: Incident): Promise<void> {
  const { locale, timeZone } = services.config;
  const offer = verificationOffer({
    incident,
    playbooks: services.playbooks,
    commands: (id) => services.catalogue.find((c) => c.id === id),
    locale,
    timeZone,
  });
  await services.producers.enqueueSlack(
    { name: 'post', data: { incidentId: incident.id, to: 'incident', message: offer, saveAs: 'verificationOffer' } },
    `verify-offer-${incident.id}`,
  );
}
