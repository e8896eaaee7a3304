// A status update, from the command or the modal: on the timeline (ticking 中間報告), in the incident
// channel, to the stakeholders (unless the incident is private), and as the latest update on the
// announcement (the record keeps it, and apply() re-renders the announcement).
import type { Actor } from '../domain/incident.js';
import { postUpdate } from '../domain/incident-records.js';
import type { DomainError } from '../domain/lifecycle.js';
import { ok, type Result } from '../domain/result.js';
import { apply } from './apply.js';
import type { NotFound } from './ports.js';
import type { Services } from './services.js';

export async function postStatusUpdate(services: Services, incidentId: string, text: string, actor: Actor): Promise<Result<void, DomainError | NotFound>> {
  const result = await apply(services, incidentId, (i) => postUpdate(i, text, actor), actor.key);
  if (!result.ok) return result;
  if (result.value.duplicate) return ok(undefined);
  // A private incident tells the stakeholders that it is open, never what it is about: its updates stay inside.
  const audiences = result.value.incident.private === true ? (['incident'] as const) : (['incident', 'stakeholders'] as const);
  for (const to of audiences) {
    await services.effects.enqueue({ name: 'status-update', data: { incidentId, to, text, by: actor.by } }, `update-${to}-${actor.key}`);
  }
  return ok(undefined);
}
