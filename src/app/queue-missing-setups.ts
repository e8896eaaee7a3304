// A bot that died (or lost Redis) between storing a declaration and queueing its Slack setup left an open
// incident that nobody in Slack knows of: no channel, no checklist, no announcement. Every bot queues the setup
// of the open incidents without a channel, as it starts and again while it is up (start-bot.ts says when). The
// job id is the declaration's own, so a setup that is queued, running or failed is left as it is, whichever
// replica looks. The declarer of such an incident gets no "declared, see
// #channel" reply (the request that would answer it is gone): the channel and the announcement say it.
import { queueSetup } from './queue-setup.js';
import type { Services } from './services.js';

/**
 * How old a declaration must be before a missing setup counts as left behind: a live replica queues it a few
 * milliseconds after storing the incident, with the declarer's reply, which a setup queued first would lose.
 */
export const SETUP_AFTER_MS = 30_000;

export interface MissingSetups {
  /** The incidents whose setup was queued again. */
  readonly queued: readonly string[];
  /** When declarations too recent to judge now should be looked at again (epoch ms), if there are any. */
  readonly again?: number;
}

/**
 * `withChannel` is what one bot remembers between its looks: the incidents it found with their channel (a
 * channel, once linked, stays), whose links it does not read again.
 */
export async function queueMissingSetups(services: Services, withChannel: Set<string> = new Set()): Promise<MissingSetups> {
  const now = services.now();
  const queued: string[] = [];
  let again: number | undefined;
  const open = await services.store.listOpen();
  const openIds = new Set(open.map((i) => i.id));
  for (const id of withChannel) if (!openIds.has(id)) withChannel.delete(id);
  for (const incident of open) {
    if (withChannel.has(incident.id)) continue;
    if ((await services.store.getLinks(incident.id)).channel !== undefined) {
      withChannel.add(incident.id);
      continue;
    }
    if (incident.declaredAt > now - SETUP_AFTER_MS) {
      again = Math.min(again ?? Infinity, incident.declaredAt + SETUP_AFTER_MS);
      continue;
    }
    await queueSetup(services, incident.id);
    queued.push(incident.id);
  }
  if (queued.length > 0) services.logger.warn({ incidents: queued }, 'open incidents without a channel: queued their setup');
  return { queued, ...(again === undefined ? {} : { again }) };
}
