// Prometheus metrics for GET /metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IncidentMeasure } from './domain/response-metrics.js';

export interface Metrics {
  readonly registry: Registry;
  readonly slackRequests: Counter<'kind'>;
  readonly incidentsDeclared: Counter<'severity'>;
  readonly slackEffects: Counter<'job' | 'result'>;
  readonly handlerSeconds: Histogram<'kind'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'klaxon_' });
  return {
    registry,
    slackRequests: new Counter({ name: 'klaxon_slack_requests_total', help: 'Slack requests handled, by kind', labelNames: ['kind'], registers: [registry] }),
    incidentsDeclared: new Counter({ name: 'klaxon_incidents_declared_total', help: 'Incidents declared, by severity', labelNames: ['severity'], registers: [registry] }),
    slackEffects: new Counter({ name: 'klaxon_slack_effects_total', help: 'Slack side effects processed', labelNames: ['job', 'result'], registers: [registry] }),
    handlerSeconds: new Histogram({
      name: 'klaxon_handler_seconds', help: 'Time from receiving a Slack request to finishing its handler', labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3], registers: [registry],
    }),
  };
}

// From a minute to a few days: the §1.2 targets run from 15 minutes (critical response) to 24 hours (low recovery).
const RESPONSE_BUCKETS_S = [60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 86_400, 7 * 86_400];

/**
 * The response metrics (runbook §1.2) as histograms by severity: rebuilt from the store at every scrape, so
 * every replica reports the same figures and a restart loses nothing (sum them across replicas and you count
 * each incident once per replica: scrape one, or use max). Only ids' figures and severities, never titles.
 */
export function registerResponseMetrics(metrics: Metrics, measures: () => Promise<readonly IncidentMeasure[]>): void {
  let pending: Promise<readonly IncidentMeasure[]> | undefined;
  // One read of the store per scrape, shared by the four metrics.
  // Redis not answering keeps the last figures rather than failing the whole scrape.
  const once = async (): Promise<readonly IncidentMeasure[] | undefined> => {
    pending ??= measures().finally(() => setTimeout(() => (pending = undefined), 0));
    return pending.catch(() => undefined);
  };
  const histogram = (name: string, help: string, pick: (m: IncidentMeasure) => number | undefined) =>
    new Histogram({
      name, help, labelNames: ['severity'], buckets: RESPONSE_BUCKETS_S, registers: [metrics.registry],
      async collect() {
        const all = await once();
        if (all === undefined) return;
        this.reset();
        for (const m of all) {
          const ms = pick(m);
          if (ms !== undefined) this.observe({ severity: m.severity }, ms / 1000);
        }
      },
    });
  histogram('klaxon_incident_acknowledge_seconds', 'Time from declaration to first response, by severity', (m) => m.acknowledgeMs);
  histogram('klaxon_incident_recover_seconds', 'Time from declaration to recovery, by severity', (m) => m.recoverMs);
  histogram('klaxon_incident_close_seconds', 'Time from declaration to close, by severity', (m) => m.closeMs);
  new Gauge({
    name: 'klaxon_incident_targets', help: 'Runbook §1.2 targets judged so far, by severity, clock and result (met or missed)',
    labelNames: ['severity', 'clock', 'result'], registers: [metrics.registry],
    async collect() {
      const all = await once();
      if (all === undefined) return;
      this.reset();
      for (const m of all) {
        if (m.responseMet !== undefined) this.inc({ severity: m.severity, clock: 'response', result: m.responseMet ? 'met' : 'missed' });
        if (m.recoveryMet !== undefined) this.inc({ severity: m.severity, clock: 'recovery', result: m.recoveryMet ? 'met' : 'missed' });
      }
    },
  });
}
