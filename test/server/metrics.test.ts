// The per-route request series are kept outside prom-client and handed to its registry at
// scrape time; what /metrics shows must still be valid Prometheus text with cumulative buckets.
import { describe, expect, it } from 'vitest';
import { answeredRequests, createMetrics } from '../../server/metrics.ts';

const line = (text: string, start: string) => text.split('\n').find((l) => l.startsWith(start));

describe('request metrics', () => {
  it('counts answers by status and keeps a cumulative latency histogram per operation', async () => {
    const metrics = createMetrics();
    const whoami = metrics.route('whoami', 'GET');
    metrics.route('listRoles', 'GET');
    whoami.record(200, 0.0005);
    whoami.record(200, 0.003);
    whoami.record(401, 2);
    const text = await metrics.registry.metrics();

    expect(text).toContain('# TYPE warden_http_requests_total counter');
    expect(line(text, 'warden_http_requests_total{operation="whoami",method="GET",status="200"}')).toMatch(/ 2$/);
    expect(line(text, 'warden_http_requests_total{operation="whoami",method="GET",status="401"}')).toMatch(/ 1$/);
    expect(answeredRequests(text)).toBe(3);

    expect(text).toContain('# TYPE warden_http_request_duration_seconds histogram');
    const bucket = (le: string) => line(text, `warden_http_request_duration_seconds_bucket{operation="whoami",method="GET",le="${le}"}`)?.split(' ')[1];
    expect([bucket('0.001'), bucket('0.0025'), bucket('0.005'), bucket('1'), bucket('+Inf')]).toEqual(['1', '1', '2', '2', '3']);
    expect(line(text, 'warden_http_request_duration_seconds_count{operation="whoami",method="GET"}')).toMatch(/ 3$/);
    expect(Number(line(text, 'warden_http_request_duration_seconds_sum{operation="whoami",method="GET"}')?.split(' ')[1])).toBeCloseTo(2.0035, 6);
    // An operation nobody called has no series.
    expect(text).not.toContain('operation="listRoles"');
    // prom-client's own metrics are still there.
    expect(text).toMatch(/^warden_process_cpu_user_seconds_total /m);
  });
});
