// Everyone a report names: who acted, who holds a role, who owns an action item, who is mentioned in text.
// The adapter looks their display names up once, before the report is rendered.
import type { Incident, UserId } from './incident.js';
import type { TimelineEvent } from './timeline.js';

const PERSON = /^[UW][A-Z0-9]{2,40}$/;
const MENTION = /<@([UW][A-Z0-9]{2,40})>/g;

/**
 * The Slack user ids a report of this incident names, each once, in order of first appearance.
 * @example reportPeople(incident, events) //=> ['U0L1OPS', 'U0L2SYS']
 */
export function reportPeople(incident: Incident, events: readonly TimelineEvent[]): UserId[] {
  const ids = [
    incident.declaredBy,
    ...Object.values(incident.roles),
    ...incident.responders,
    ...(incident.actionItems ?? []).map((item) => item.owner),
    ...events.flatMap((event) => [event.by, 'user' in event ? event.user : undefined, 'author' in event ? event.author : undefined]),
    ...[...JSON.stringify([incident.report, incident.actionItems, events]).matchAll(MENTION)].map((m) => m[1]),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && PERSON.test(id)))];
}
