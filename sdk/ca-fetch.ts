// A fetch that trusts a private certificate authority for https:// URLs. Node's global
// fetch takes no CA option (only undici's own Agent does, and the SDK keeps openapi-fetch
// as its one dependency), so https requests go through node:https with `ca`; http://
// URLs go to the global fetch unchanged.
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';

/** Responses to these have no body, whatever the server sends. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** `ca` is trusted besides Node's public roots (a given `ca` would otherwise replace them). */
export function fetchTrustingCa(ca: string | Buffer | (string | Buffer)[]): typeof fetch {
  // One agent per client: kept-alive TLS connections are reused across requests.
  const agent = new Agent({ ca: [...rootCertificates, ...(Array.isArray(ca) ? ca : [ca])], keepAlive: true });
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'https:') {
      return fetch(request);
    }
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body) {
      headers['content-length'] = String(body.length);
    }
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpsRequest(url, { method: request.method, headers, agent, signal: request.signal }, (incoming) => {
        const responseHeaders = new Headers();
        for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
          responseHeaders.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
        }
        const status = incoming.statusCode ?? 500;
        const empty = NULL_BODY_STATUSES.has(status) || request.method === 'HEAD';
        if (empty) {
          incoming.resume();
        }
        resolve(
          new Response(empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), {
            status,
            statusText: incoming.statusMessage ?? '',
            headers: responseHeaders,
          }),
        );
      });
      // Shaped like the global fetch's failure, so callers (and the retry middleware)
      // treat both alike; the cause keeps the TLS or socket error.
      outgoing.on('error', (error) => reject(error.name === 'AbortError' ? error : new TypeError('fetch failed', { cause: error })));
      outgoing.end(body);
    });
  };
}

/**
 * Reads a CA file (PEM, one or more certificates) or throws an Error that says what is
 * wrong with it; `source` names where the path came from, e.g. WARDEN_CA_FILE.
 */
export function readCaFile(path: string, source: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${source}: cannot read ${path} (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})`, { cause: error });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new Error(`${source}: ${path} holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}
