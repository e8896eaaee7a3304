// An incident declared the way people do it (`/incident declare` in #general through the emulator), once
// klaxon has set up the Slack messages a test needs.
import type { IncidentLinkKey, Links } from '../../src/app/links.js';
import type { Incident } from '../../src/domain/incident.js';
import { eventually } from './eventually.js';
import { USERS, type Klaxon } from './klaxon-harness.js';

export interface DeclaredInSlack {
  readonly id: string;
  readonly incident: Incident;
  readonly channel: string;
  /** The checklist message's ts, when `until` waited for it. */
  readonly checklistTs: string;
  readonly links: Links;
}

/** `text` is what follows `declare` (severity and title); `until` the links setup must have written. */
export async function declaredInSlack(k: Klaxon, text: string, until: readonly IncidentLinkKey[] = ['channel'], timeoutMs?: number): Promise<DeclaredInSlack> {
  const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: `declare ${text}` });
  const id = /(inc-\d+) declared/.exec(answer.body)?.[1];
  if (!id) throw new Error(`not declared: ${answer.body}`);
  const links = await eventually(async () => {
    const all = await k.bot.services.store.getLinks(id);
    return ['channel' as const, ...until].every((key) => all[key]) ? all : undefined;
  }, `the Slack setup of ${id} (${until.join(', ')})`, timeoutMs);
  const incident = await eventually(() => k.bot.services.store.get(id), `${id} stored`);
  return { id, incident, channel: links.channel as string, checklistTs: links.checklist ?? '', links };
}
