// A bounded burst of malformed HTTP requests on loopback, each on its own connection,
// written as raw bytes so that nothing in a client library tidies them up. Counts the
// answers by status; any 5xx (or a connection dropped without an answer) is a finding.
import { connect } from 'node:net';

export interface BurstResult {
  tried: number;
  byStatus: Map<number, number>;
  fiveHundreds: number;
  noAnswer: number;
}

/** A deterministic generator (mulberry32), so that a run can be repeated. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function requestBytes(pick: () => number, token: string): Buffer {
  const choose = <T>(items: T[]): T => items[Math.floor(pick() * items.length)]!;
  const path = choose([
    '/v1/whoami',
    '/v1/orgs/acme/service-accounts',
    '/v1/orgs/%zz/service-accounts',
    '/v1/orgs/acme/service-accounts/../../etc/passwd',
    `/v1/orgs/acme/service-accounts/${'a'.repeat(300)}`,
    '/v1/orgs/acme/keys?limit=-1',
    '/v1/orgs/acme/service-accounts?cursor=%00',
    '/v1/orgs/acme/roles/%E0%A4%A',
    '/v1/orgs/acme/service-accounts/sa_x/keys',
    `/${'x'.repeat(9000)}`,
  ]);
  const method = choose(['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'BREW', 'POST']);
  const auth = choose([
    `Bearer ${token}`,
    'Bearer wdn_000000000000000000000000000000000000000000000002CZclj',
    `Basic ${Buffer.from(`${token}:x`).toString('base64')}!!`,
    'Basic %%%',
    'Bearer',
    '',
    `Key ${token}\r\nAuthorization: Bearer junk`,
    'Negotiate abc',
  ]);
  const body = choose([
    '{"name":',
    '{"name":"a","name":"b"}',
    'null',
    '[]',
    '{"label":"x","ttl":"9999999d"}',
    '\u00ff\u00fe',
    '{"name":"x'.padEnd(70_000, 'y'),
    '',
  ]);
  const contentType = choose(['application/json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', '']);
  const extra = choose(['', 'Content-Encoding: gzip\r\n', 'Transfer-Encoding: chunked\r\n', `X-Big: ${'h'.repeat(20_000)}\r\n`, 'Expect: 100-continue\r\n']);
  const head = [
    `${method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    ...(auth ? [`Authorization: ${auth}`] : []),
    ...(contentType ? [`Content-Type: ${contentType}`] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ].join('\r\n');
  if (pick() < 0.08) {
    // Not HTTP at all, or a request line the parser must refuse.
    return Buffer.from(
      choose([
        '\x16\x03\x01\x00\xa5\x01\x00',
        'GET /\r\n\r\n',
        'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
        'GET /v1/whoami HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n',
      ]),
      'latin1',
    );
  }
  return Buffer.from(`${head}\r\n${extra}\r\n${body}`, 'latin1');
}

/** The final status (an interim 100 Continue is skipped), or undefined when none came. */
function finalStatus(answer: string): number | undefined {
  const statuses = [...answer.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
  return statuses.find((status) => status >= 200);
}

function send(port: number, bytes: Buffer): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1', 0, Math.min(chunk.length, 4096));
      if (finalStatus(answer) !== undefined) {
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(finalStatus(answer)));
    socket.write(bytes, () => socket.end());
  });
}

export async function malformedBurst(port: number, token: string, total: number, concurrency = 32): Promise<BurstResult> {
  const pick = random(9);
  const result: BurstResult = { tried: 0, byStatus: new Map(), fiveHundreds: 0, noAnswer: 0 };
  const worker = async () => {
    while (result.tried < total) {
      result.tried++;
      const status = await send(port, requestBytes(pick, token));
      if (status === undefined) {
        result.noAnswer++;
        continue;
      }
      result.byStatus.set(status, (result.byStatus.get(status) ?? 0) + 1);
      if (status >= 500) {
        result.fiveHundreds++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}
