// Prometheus metrics for GET /metrics.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
