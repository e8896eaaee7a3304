// A person's action from Slack into the incident's intent stream, within the answer budget: the result says
// whether it was applied, saved for the next fold, refused by the rules, or not saved at all.
import { mayRecordIntent } from '../../app/authorise.js';
import { BUDGET, type Recorded } from '../../app/record.js';
import type { Services } from '../../app/services.js';
import { TIMEOUT, within } from '../../app/within.js';
import type { Incident } from '../../domain/incident.js';
import type { Intent } from '../../domain/intent.js';
import { err, type Result } from '../../domain/result.js';
import type { Problem } from '../explain.js';
import { actorFrom } from './context.js';
import { incidentOfChannel } from '../incident-of-channel.js';

export async function recordAction(
  services: Services,
  request: {
    readonly channel: string | undefined;
    /** The channel's incident, when its read was started already (a click's, at the front door). */
    readonly incident?: Promise<Incident | undefined>;
    readonly by: string;
    readonly key: string;
    readonly receivedAt: number;
  },
  intent: Intent,
): Promise<Result<Recorded, Problem>> {
  const found = await within(request.incident ?? incidentOfChannel(services.store, request.channel), request.receivedAt + BUDGET.giveUpMs - services.now()).catch((): typeof TIMEOUT => TIMEOUT);
  if (found === TIMEOUT) return err({ code: 'not_saved' });
  if (!found) return err({ code: 'not_incident_channel' });
  const allowed = await mayRecordIntent(services, found, request.by, intent);
  if (!allowed.ok) return allowed;
  const actor = actorFrom(services, request.by, request.key);
  return (await services.recorder.record(found.id, { intent, actor }, request.receivedAt)) as Result<Recorded, Problem>;
}

/** When the request reached the bot (stamped by the first middleware), for the answer budget. */
export const receivedAt = (services: Services, context: Record<string, unknown>): number =>
  typeof context['receivedAt'] === 'number' ? context['receivedAt'] : services.now();
