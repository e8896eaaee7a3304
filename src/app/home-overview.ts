// What someone's Home tab shows, from the incidents as stored now: the open ones they may see, the ones they
// lead or were paged for, and the last closed ones with their reports.
import type { Incident } from '../domain/incident.js';
import { matchesRef, respondersFor, slaFor } from '../domain/policy.js';
import { clocks, type Clocks } from '../domain/sla.js';
import { personOf } from './authorise.js';
import { reportFileName } from './compile-report.js';
import { visibleTo } from './visible-incidents.js';
import type { Services } from './services.js';

export interface HomeIncident {
  readonly incident: Incident;
  /** The incident channel, once setup made it. */
  readonly channel?: string;
  readonly clocks: Clocks;
  /** The report's file name, once written. */
  readonly report?: string;
}

export interface HomeOverview {
  readonly open: readonly HomeIncident[];
  /** Open incidents this person leads, acted on, or was paged for (the severity's responders, the ladder). */
  readonly mine: readonly HomeIncident[];
  readonly closed: readonly HomeIncident[];
}

const CLOSED_SHOWN = 5;
/** How far back the recent index is read to find the last closed incidents. */
const RECENT_SCAN = 50;

export async function homeOverview(services: Services, userId: string): Promise<HomeOverview> {
  const now = services.now();
  const { groups } = (await personOf(services, userId)).person;
  const withLinks = async (incident: Incident): Promise<HomeIncident> => {
    const links = await services.store.getLinks(incident.id);
    const report = links['reportFile'] !== undefined && incident.status === 'closed' ? reportFileName(incident, incident.closedAt, services.config.timeZone) : undefined;
    return {
      incident,
      clocks: clocks(incident, now, slaFor(services.policy, incident.severity)),
      ...(links['channel'] === undefined ? {} : { channel: links['channel'] }),
      ...(report === undefined ? {} : { report }),
    };
  };
  const open = await Promise.all((await visibleTo(services, userId, await services.store.listOpen())).map(withLinks));
  const recent = await visibleTo(services, userId, await services.store.listRecent(RECENT_SCAN));
  const closed = await Promise.all(recent.filter((i) => i.status === 'closed').slice(0, CLOSED_SHOWN).map(withLinks));
  const paged = (incident: Incident): boolean => {
    const levels = services.policy.escalation.levels.filter((l) => l.level <= incident.escalationLevel && l.level > 1).flatMap((l) => l.members);
    return matchesRef([...respondersFor(services.policy, incident.severity), ...levels], userId, groups);
  };
  const mine = open.filter(({ incident }) => Object.values(incident.roles).includes(userId) || incident.responders.includes(userId) || paged(incident));
  return { open, mine, closed };
}
