// A bot that died (or lost Redis) between storing a declaration and queueing its Slack setup left an open
// incident that nobody in Slack knows of: no channel, no checklist, no announcement, maybe no clocks. Every bot
// looks for open incidents without a channel, as it starts and again while it is up (start-bot.ts says when),
// and finishes the declaration of each whose setup was never queued (finish-declaration.ts). Whichever replica
// looks, each step is once by the declaration's own ids.
import type { Incident } from '../domain/incident.js';
import { finishDeclaration } from './finish-declaration.js';
import type { Services } from './services.js';

export interface MissingSetups {
  /** The incidents whose declaration was finished: their clocks, their setup and (in time) their host snapshot. */
  readonly queued: readonly string[];
  /** When declarations too recent (or held by another finisher) to judge now should be looked at again (epoch ms). */
  readonly again?: number;
}

/**
 * `settled` is what one bot remembers between its looks: the incidents it found with their channel (a channel,
 * once linked, stays) or with their setup queued, which it does not look at again.
 */
export async function queueMissingSetups(services: Services, settled: Set<string> = new Set(), listed?: readonly Incident[]): Promise<MissingSetups> {
  const queued: string[] = [];
  let again: number | undefined;
  const open = listed ?? (await services.store.listOpen());
  const openIds = new Set(open.map((i) => i.id));
  for (const id of settled) if (!openIds.has(id)) settled.delete(id);
  for (const incident of open) {
    if (settled.has(incident.id)) continue;
    if ((await services.store.getLinks(incident.id)).channel !== undefined) {
      settled.add(incident.id);
      continue;
    }
    const finishing = await finishDeclaration(services, incident);
    if (finishing.kind === 'too recent' || finishing.kind === 'held') {
      again = Math.min(again ?? Infinity, finishing.again);
      continue;
    }
    settled.add(incident.id);
    if (finishing.kind === 'finished') queued.push(incident.id);
  }
  if (queued.length > 0) services.logger.warn({ incidents: queued }, 'open incidents without a channel: queued their setup');
  return { queued, ...(again === undefined ? {} : { again }) };
}
