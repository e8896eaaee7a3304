// The policy's word on a lifecycle change (resolve, close, reopen, lower the severity, assign), with the
// person's user groups, and every refusal on the audit stream.
import { lowers, mayChange, unlessGroupsUnknown, type NotAllowed, type Person } from '../domain/authority.js';
import type { Incident } from '../domain/incident.js';
import type { Intent } from '../domain/intent.js';
import { ok, type Result } from '../domain/result.js';
import type { Services } from './services.js';

/** The person as the policy sees them, and whether Slack has listed the user groups yet (no groups until then). */
export async function personOf(services: Services, userId: string): Promise<{ readonly person: Person; readonly groupsKnown: boolean }> {
  const groups = await services.groupsOf(userId);
  return { person: { id: userId, groups: groups ?? [] }, groupsKnown: groups !== undefined };
}

/** What the audit entry of a refusal adds when it was made without the person's groups. */
export const unknownGroupsNote = (groupsUnknown: boolean | undefined): string => (groupsUnknown ? ' (user groups not listed by Slack)' : '');

export async function mayChangeIncident(
  services: Services,
  incident: Incident,
  userId: string,
  action: Parameters<typeof mayChange>[3],
  command: string,
): Promise<Result<void, NotAllowed>> {
  const { person, groupsKnown } = await personOf(services, userId);
  const decision = unlessGroupsUnknown(mayChange(services.policy, incident, person, action, command), groupsKnown);
  if (!decision.ok) {
    await services.audit.append({
      at: services.now(), actor: userId, action, decision: 'denied', detail: `needs ${decision.error.needs}${unknownGroupsNote(decision.error.groupsUnknown)}`, requestId: `${incident.id}-${action}-${userId}-${services.now()}`, incidentId: incident.id,
    });
  }
  return decision;
}

/**
 * Whether a person's recorded action is theirs to take on the incident as it is now: lowering the severity
 * and assigning roles are guarded (whatever way they came: command, menu, button); the rest are open.
 */
export function mayRecordIntent(services: Services, incident: Incident, userId: string, intent: Intent): Promise<Result<void, NotAllowed>> {
  if (intent.kind === 'severity' && lowers(incident.severity, intent.severity)) {
    return mayChangeIncident(services, incident, userId, 'severity_down', `/incident severity ${intent.severity}`);
  }
  if (intent.kind === 'assign') return mayChangeIncident(services, incident, userId, 'assign', `/incident assign ${intent.role}`);
  return Promise.resolve(ok(undefined));
}
