// Prometheus metrics on a registry of the server's own (several servers may share one
// process in tests): request count and latency by operation, authentication failures.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The counter of answered requests, by operation and status. */
export const REQUESTS_TOTAL = 'warden_http_requests_total';

/** Requests answered so far, every operation and status, from the text of `/metrics`. */
export function answeredRequests(metricsText: string): number {
  return metricsText
    .split('\n')
    .filter((line) => line.startsWith(`${REQUESTS_TOTAL}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

export interface Metrics {
  registry: Registry;
  requests: Counter<'operation' | 'method' | 'status'>;
  latency: Histogram<'operation' | 'method'>;
  authFailures: Counter;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'warden_' });
  return {
    registry,
    requests: new Counter({
      name: REQUESTS_TOTAL,
      help: 'HTTP requests by operation, method and status.',
      labelNames: ['operation', 'method', 'status'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'warden_http_request_duration_seconds',
      help: 'HTTP request latency by operation.',
      labelNames: ['operation', 'method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'warden_auth_failures_total',
      help: 'Requests refused for a missing or invalid credential.',
      registers: [registry],
    }),
  };
}
