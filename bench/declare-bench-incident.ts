// Declares an incident through a signed slash command and waits until its channel is fully set up.
import type { Links } from '../src/app/links.js';
import { BENCH_USERS, type BenchSlack } from './start-bench-klaxon.js';
import { waitFor } from './wait-for.js';

export interface BenchIncident {
  readonly incidentId: string;
  readonly channel: string;
  /** The incident's adapter refs (channel, header, checklist, playbooks, …) once setup finished. */
  readonly links: Links;
}

export async function declareBenchIncident(k: BenchSlack, severityAndTitle: string): Promise<BenchIncident> {
  const answer = await k.emulator.slashCommand({ userId: BENCH_USERS.l1, channelId: k.general, text: `declare ${severityAndTitle}` });
  const incidentId = /\b(inc-\d+)\b/.exec(answer.body)?.[1];
  if (answer.status !== 200 || incidentId === undefined) throw new Error(`bench: declare failed (${answer.status}): ${answer.body}`);
  const links = await waitFor(async () => {
    const current = await k.store.getLinks(incidentId);
    return current['channel'] && current['checklist'] && current['playbooks'] && current['announcement'] ? current : undefined;
  }, `the channel of ${incidentId}`);
  return { incidentId, channel: links.channel as string, links };
}
