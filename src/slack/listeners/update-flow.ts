// A status update, from the command or the modal: on the timeline (ticking 中間報告), in the incident
// channel, to the stakeholders, and as the latest update on the announcement.
import { apply } from '../../app/apply.js';
import type { Services } from '../../app/services.js';
import type { Actor } from '../../domain/incident.js';
import { postUpdate } from '../../domain/incident-records.js';
import type { DomainError } from '../../domain/lifecycle.js';
import { ok, type Result } from '../../domain/result.js';
import type { NotFound } from '../../store/incident-store.js';
import { statusUpdate } from '../views/status-update.js';

export async function postStatusUpdate(services: Services, incidentId: string, text: string, actor: Actor): Promise<Result<void, DomainError | NotFound>> {
  const result = await apply(services, incidentId, (i) => postUpdate(i, text, actor), actor.key);
  if (!result.ok) return result;
  if (result.value.duplicate) return ok(undefined);
  await services.store.setLink(incidentId, 'latestUpdate', JSON.stringify({ text, by: actor.by, at: actor.at }));
  // apply() queued its render before the link existed; a render that ran in between missed the update.
  await services.producers.enqueueRender(incidentId);
  const message = statusUpdate({ incident: result.value.incident, text, by: actor.by, locale: services.config.locale });
  await services.producers.enqueueSlack({ name: 'post', data: { incidentId, to: 'incident', message } }, `update-incident-${actor.key}`);
  await services.producers.enqueueSlack({ name: 'post', data: { incidentId, to: 'stakeholders', message } }, `update-stakeholders-${actor.key}`);
  return ok(undefined);
}
