// Declaring an incident: number it, record it, then its clocks, its Slack setup (channel, checklist,
// announcement) and its host snapshot.
import type { Actor, Incident, Instant } from '../domain/incident.js';
import { addNote, attachAlert, pinMessage, type PinnedMessage } from '../domain/incident-records.js';
import { declareIncident, type DomainError, type Transition } from '../domain/lifecycle.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Severity } from '../domain/severity.js';
import type { LinkClaim } from './ports.js';
import { RecordedButCutShort } from './cut-short.js';
import { setUpDeclaration } from './finish-declaration.js';
import type { Services } from './services.js';

export interface DeclareRequest {
  readonly severity: Severity;
  readonly title: string;
  readonly detectedAt?: Instant;
  readonly source: 'slack' | 'alert';
  readonly host?: string;
  /** A private incident (§4.3 security): a private channel, an announcement without title or details. */
  readonly private?: boolean;
  readonly by: string;
  /** Idempotency key of the request (Slack trigger_id, alert fingerprint). */
  readonly key: string;
  /** Where it was declared, for the "declared, see #channel" reply. */
  readonly origin?: { readonly channel: string; readonly user: string; readonly responseUrl?: string };
  /** The message it was declared from: it opens the timeline at its own time, as a 📌 on it would. */
  readonly message?: PinnedMessage;
  /** What the declarer wrote about it, a note by them. */
  readonly description?: string;
  /** The alert that declared it, on the timeline under `key` (its delivery's), so a redelivery adds nothing. */
  readonly alert?: { readonly alertId: string; readonly title: string; readonly source: string; readonly key: string };
}

/** The link the declaration claimed names another incident now (a concurrent or earlier declaration of it). */
export interface ClaimTaken {
  readonly code: 'taken';
}

/**
 * With `claim`, the incident and its claimed link (an alert's fingerprint) are stored in one step, and only
 * while the link's index still names `claim.replaces`: a declarer that dies right after it leaves an incident
 * that the next delivery of the same alert finds, never one it would declare again.
 */
export async function declare(services: Services, request: DeclareRequest): Promise<Result<Incident, DomainError>>;
export async function declare(services: Services, request: DeclareRequest, claim: LinkClaim): Promise<Result<Incident, DomainError | ClaimTaken>>;
export async function declare(services: Services, request: DeclareRequest, claim?: LinkClaim): Promise<Result<Incident, DomainError | ClaimTaken>> {
  // Validate with a placeholder number first so a bad title does not burn an incident number.
  const probe = declareIncident({ ...request, number: 1 }, { by: request.by, at: services.now(), key: request.key });
  if (!probe.ok) return probe;
  const number = await services.store.nextNumber();
  const declared = declareIncident(
    { ...request, number, host: request.host ?? services.config.workerHost },
    { by: request.by, at: services.now(), key: `declare-${request.key}` },
  );
  if (!declared.ok) return declared;
  const opened = withOpening(declared.value, request, services.now());
  const created = await services.store.create(opened.incident, opened.events, claim);
  if (!created.ok && created.error === 'taken') return err({ code: 'taken' });
  if (!created.ok) throw new Error(`incident ${declared.value.incident.id} already exists: the counter went backwards`);
  // A bot that dies, or a Redis that fails, before the setup is queued leaves an incident nobody in Slack knows
  // of: the bots' looks for what was left behind finish its declaration (queue-missing-setups.ts), and so does
  // the next delivery of the alert that declared it (link-holder.ts).
  await setUpDeclaration(services, created.value, { ...(request.origin ? { origin: request.origin } : {}), snapshot: true }).catch((error: unknown) => {
    throw new RecordedButCutShort({ kind: 'declaration', incidentId: created.value.id }, error);
  });
  services.logger.info({ incident: created.value.id, severity: request.severity, by: request.by }, 'incident declared');
  return ok(created.value);
}

/**
 * The message, the description and the alert go in the declaration's own write: once the declarer is told the
 * incident stands, they stand with it, whatever cuts the steps after it short. A blank one adds nothing.
 */
function withOpening(declared: Transition, request: DeclareRequest, at: Instant): Transition {
  const by = (key: string): Actor => ({ by: request.by, at, key: `${request.key}-${key}` });
  const { message, description, alert } = request;
  const steps = [
    ...(message === undefined ? [] : [(i: Incident) => pinMessage(i, message, by('message'))]),
    ...(description === undefined ? [] : [(i: Incident) => addNote(i, description, by('description'))]),
    ...(alert === undefined ? [] : [(i: Incident) => attachAlert(i, { alertId: alert.alertId, title: alert.title, source: alert.source }, { by: request.by, at, key: alert.key })]),
  ];
  return steps.reduce<Transition>((sofar, step) => {
    const next = step(sofar.incident);
    return next.ok ? { incident: next.value.incident, events: [...sofar.events, ...next.value.events] } : sofar;
  }, declared);
}
