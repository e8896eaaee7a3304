// Declaring an incident: number it, record it, and queue the Slack setup (channel, checklist, announcement).
import type { Incident, Instant } from '../domain/incident.js';
import { declareIncident, type DomainError } from '../domain/lifecycle.js';
import { ok, type Result } from '../domain/result.js';
import type { Severity } from '../domain/severity.js';
import { requestSnapshot } from './request-run.js';
import { scheduleClocks } from './schedule-clocks.js';
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

export async function declare(services: Services, request: DeclareRequest): Promise<Result<Incident, DomainError>> {
  // Validate with a placeholder number first so a bad title does not burn an incident number.
  const probe = declareIncident({ ...request, number: 1 }, { by: request.by, at: services.now(), key: request.key });
  if (!probe.ok) return probe;
  const number = await services.store.nextNumber();
  const declared = declareIncident(
    { ...request, number, host: request.host ?? services.config.workerHost },
    { by: request.by, at: services.now(), key: `declare-${request.key}` },
  );
  if (!declared.ok) return declared;
  const created = await services.store.create(declared.value.incident, declared.value.events);
  if (!created.ok) throw new Error(`incident ${declared.value.incident.id} already exists: the counter went backwards`);
  await services.effects.enqueue(
    { name: 'setup', data: { incidentId: created.value.id, ...(request.origin ? { origin: request.origin } : {}) } },
    `setup-${created.value.id}`,
  );
  await scheduleClocks(services, created.value);
  await requestSnapshot(services, created.value, 'declared');
  services.logger.info({ incident: created.value.id, severity: request.severity, by: request.by }, 'incident declared');
  return ok(created.value);
}
