import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  assignments: Counter<'trigger'>;
  releases: Counter<'reason'>;
  webhookDeliveries: Counter<'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'caseflow_' });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'caseflow_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    assignments: new Counter({
      name: 'caseflow_assignments_total',
      help: 'Cases assigned to an agent, automatically or by an admin',
      labelNames: ['trigger'],
      registers: [registry],
    }),
    releases: new Counter({
      name: 'caseflow_assignment_releases_total',
      help: 'Assignments ended, by reason (resolved, away, removed, reassigned, deleted)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'caseflow_webhook_attempts_total',
      help: 'Webhook delivery attempts, by outcome (delivered, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
