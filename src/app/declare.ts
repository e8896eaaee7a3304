// Declaring an incident: number it, record it, then its clocks, its Slack setup (channel, checklist,
// announcement) and its host snapshot.
import type { Incident, Instant } from '../domain/incident.js';
import { declareIncident, type DomainError } from '../domain/lifecycle.js';
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
  const created = await services.store.create(declared.value.incident, declared.value.events, claim);
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
