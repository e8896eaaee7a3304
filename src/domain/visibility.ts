// Who is inside a private incident: the people it invited or reached and the people who acted on it. Everyone
// sees a public incident; a private one is hidden (title, details, channel) from everyone else.
import type { Person } from './authority.js';
import type { Incident } from './incident.js';
import { matchesRef, respondersFor, type Policy, type SlackRef } from './policy.js';

/** The policy's people a private incident reached: its severity's responders and the ladder levels it climbed. */
function reached(policy: Policy, incident: Incident): SlackRef[] {
  const levels = policy.escalation.levels.filter((level) => level.level <= incident.escalationLevel).flatMap((level) => level.members);
  return [...respondersFor(policy, incident.severity), ...(incident.escalationLevel > 1 ? levels : [])];
}

/**
 * Whether a person may see an incident's title and details.
 * @example maySee(policy, { ...incident, private: true }, { id: 'U0STAKE', groups: [] }) //=> false
 */
export function maySee(policy: Policy, incident: Incident, person: Person): boolean {
  if (incident.private !== true) return true;
  const named = [incident.declaredBy, ...Object.values(incident.roles), ...incident.responders];
  return named.includes(person.id) || matchesRef(reached(policy, incident), person.id, person.groups);
}
