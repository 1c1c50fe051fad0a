// Prometheus metrics on a registry of the server's own (several servers may share one
// process in tests): request count and latency by operation, authentication failures.
// The two per-request series are kept by each route in plain numbers and turned into
// samples only when /metrics is read: prom-client's labelled counters and histograms
// check and hash their labels on every inc() and observe(), a measurable share of a
// request as cheap as whoami. prom-client still formats them, beside its default metrics.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** The counter of answered requests, by operation and status. */
export const REQUESTS_TOTAL = 'warden_http_requests_total';
const LATENCY = 'warden_http_request_duration_seconds';
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Requests answered so far, every operation and status, from the text of `/metrics`. */
export function answeredRequests(metricsText: string): number {
  return metricsText
    .split('\n')
    .filter((line) => line.startsWith(`${REQUESTS_TOTAL}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** One route's answers: a count per status and a latency histogram. */
export class RouteMetrics {
  readonly byStatus = new Map<number, number>();
  /** Observations per bucket, not cumulative; the last one is above every bound. */
  readonly perBucket = new Array<number>(LATENCY_BUCKETS.length + 1).fill(0);
  seconds = 0;
  count = 0;

  constructor(
    readonly operation: string,
    readonly method: string,
  ) {}

  record(status: number, seconds: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]!) {
      bucket++;
    }
    this.perBucket[bucket]!++;
    this.seconds += seconds;
    this.count++;
  }
}

interface Sample {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

/** What prom-client's registry needs of a metric to format it: its description and get(). */
interface Collected {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Omit<Collected, 'get'> & { values: Sample[] };
}

/** A metric whose samples are made by `values` each time the registry reads it. */
function collected(description: Omit<Collected, 'get'>, values: () => Sample[]): Collected {
  return { ...description, get: () => ({ ...description, values: values() }) };
}

function requestsCollector(routes: RouteMetrics[]): Collected {
  return collected({ name: REQUESTS_TOTAL, help: 'HTTP requests by operation, method and status.', type: 'counter', aggregator: 'sum' }, () =>
    routes.flatMap((route) => [...route.byStatus].map(([status, value]) => ({ labels: { operation: route.operation, method: route.method, status }, value }))),
  );
}

function latencyCollector(routes: RouteMetrics[]): Collected {
  return collected({ name: LATENCY, help: 'HTTP request latency by operation.', type: 'histogram', aggregator: 'sum' }, () =>
    routes
      .filter((route) => route.count > 0)
      .flatMap((route) => {
        const labels = { operation: route.operation, method: route.method };
        let cumulative = 0;
        const buckets = [...LATENCY_BUCKETS, '+Inf' as const].map((le, index) => {
          cumulative += route.perBucket[index]!;
          return { metricName: `${LATENCY}_bucket`, labels: { ...labels, le }, value: cumulative };
        });
        return [...buckets, { metricName: `${LATENCY}_sum`, labels, value: route.seconds }, { metricName: `${LATENCY}_count`, labels, value: route.count }];
      }),
  );
}

export interface Metrics {
  registry: Registry;
  /** The series of one operation, created once when its route is registered. */
  route(operation: string, method: string): RouteMetrics;
  authFailures: Counter;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'warden_' });
  const routes: RouteMetrics[] = [];
  for (const metric of [requestsCollector(routes), latencyCollector(routes)]) {
    registry.registerMetric(metric as unknown as Counter);
  }
  return {
    registry,
    route(operation, method) {
      const metrics = new RouteMetrics(operation, method);
      routes.push(metrics);
      return metrics;
    },
    authFailures: new Counter({
      name: 'warden_auth_failures_total',
      help: 'Requests refused for a missing or invalid credential.',
      registers: [registry],
    }),
  };
}
