// The policy's word on a lifecycle change (resolve, close, reopen, lower the severity, assign), with the
// person's user groups, and every refusal on the audit stream.
import { mayChange, type NotAllowed } from '../domain/authority.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { Services } from './services.js';

export async function mayChangeIncident(
  services: Services,
  incident: Incident,
  userId: string,
  action: Parameters<typeof mayChange>[3],
  command: string,
): Promise<Result<void, NotAllowed>> {
  const groups = await services.groupsOf(userId);
  const decision = mayChange(services.policy, incident, { id: userId, groups }, action, command);
  if (!decision.ok) {
    await services.audit.append({
      at: services.now(), actor: userId, action, decision: 'denied', detail: `needs ${decision.error.needs}`, requestId: `${incident.id}-${action}-${userId}-${services.now()}`, incidentId: incident.id,
    });
  }
  return decision;
}
