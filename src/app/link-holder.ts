// An indexed link that a declaration claims (an alert's fingerprint, a maintenance plan's failure, the canary's
// drift) names at most one incident. While that incident is open, whatever comes under the link joins it; once
// it is resolved or closed, a new declaration takes the link over from it (`LinkClaim.replaces`), and a
// declaration that finds the link taken by another comes back here to join that one instead.
import type { Incident } from '../domain/incident.js';
import type { IndexedLinkKey } from './links.js';
import { finishDeclaration, setUpDeclaration } from './finish-declaration.js';
import type { Services } from './services.js';

/** Declared or acknowledged: what a new alert, failure or drift joins rather than declaring again. */
export const isOpen = (incident: Incident): boolean => incident.status === 'declared' || incident.status === 'acknowledged';

export type LinkHolder =
  | { readonly open: Incident; readonly replaces?: undefined }
  /** No open incident holds the link: a declaration claims it from `replaces` (none, or a finished incident). */
  | { readonly open?: undefined; readonly replaces: string | undefined };

/**
 * Who holds `key = value` now. The open holder's declarer may have died (or lost Redis) between storing it and
 * queueing its Slack setup, so joining one without a channel finishes its declaration. One too recent to tell
 * from a declaration still going gets its clocks and setup at once (both are once by their ids), as the
 * sender that came back may be the only one who knows; the setup then asks for its host snapshot if nobody has.
 */
export async function linkHolder(services: Services, key: IndexedLinkKey, value: string): Promise<LinkHolder> {
  const holder = await services.store.findByLink(key, value);
  if (holder === undefined || !isOpen(holder)) return { replaces: holder?.id };
  if ((await services.store.getLinks(holder.id)).channel === undefined) {
    const finishing = await finishDeclaration(services, holder);
    if (finishing.kind === 'too recent') await setUpDeclaration(services, holder, { snapshot: false });
  }
  return { open: holder };
}
