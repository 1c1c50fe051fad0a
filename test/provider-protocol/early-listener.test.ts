// The plugin socket listens before the gRPC server exists, so Terraform's connection can
// arrive, and send its HTTP/2 preface and first request, while the server is still loading.
// Those bytes must reach the HTTP/2 session that takes the socket over, not be lost or stall.
import { connect, createServer, type ClientHttp2Session } from 'node:http2';
import { connect as connectSocket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listenEarly } from '../../provider/protocol/early-listener.ts';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function request(session: ClientHttp2Session): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': '/hello' });
    let body = '';
    stream.on('data', (chunk) => (body += chunk));
    stream.on('end', () => resolve(body));
    stream.on('error', reject);
    stream.end();
  });
}

describe('early listener', () => {
  it('hands a connection that already sent its request to the HTTP/2 server loaded later, which answers it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfp-test-'));
    const socketPath = join(dir, 'plugin.sock');
    const listener = await listenEarly(socketPath);
    const client = connect('http://localhost', { createConnection: () => connectSocket(socketPath) });
    cleanup.push(() => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const answered = request(client);
    // Let the preface, SETTINGS and HEADERS arrive and wait on the socket.
    await new Promise((r) => setTimeout(r, 100));

    const server = createServer((_req, res) => res.end('hello from the late server'));
    cleanup.push(() => server.close());
    listener.handTo((socket) => server.emit('connection', socket));
    expect(await answered).toBe('hello from the late server');
    // And a connection made after the handover is served the same way.
    const later = connect('http://localhost', { createConnection: () => connectSocket(socketPath) });
    cleanup.push(() => later.close());
    expect(await request(later)).toBe('hello from the late server');
  });
});
