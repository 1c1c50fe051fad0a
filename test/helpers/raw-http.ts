// Raw HTTP/1.1 over a TCP socket, for requests that fetch and node:http would refuse to
// send or would normalise (duplicate headers, bad percent-encoding, stalled bodies).
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The parsed body when it is JSON. */
  json: any;
  /** True when the server closed the connection (rather than the test giving up). */
  closedByServer: boolean;
}

export function parseRawResponse(text: string, closedByServer: boolean): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  let body = split < 0 ? '' : text.slice(split + 4);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    let rest = body;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, lineEnd), 16);
      if (!size) {
        break;
      }
      decoded += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      rest = rest.slice(lineEnd + 2 + size + 2);
    }
    body = decoded;
  }
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body, json, closedByServer };
}

/**
 * Sends the bytes (all of them, or each chunk in turn) and reads until the server closes
 * the connection or `giveUpMs` passes; answers from a kept-alive connection are read until
 * the first complete response.
 */
export function rawHttp(url: string, request: string | Buffer | (string | Buffer)[], giveUpMs = 5_000): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(parseRawResponse(Buffer.concat(chunks).toString('utf8'), closedByServer));
      }
    };
    const timer = setTimeout(() => finish(false), giveUpMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = parseRawResponse(text, false);
      const length = Number(parsed.headers['content-length'] ?? NaN);
      if (!Number.isNaN(length) && text.includes('\r\n\r\n') && Buffer.byteLength(parsed.body) >= length) {
        finish(false);
      }
    });
    socket.on('close', () => finish(true));
    socket.on('error', (error) => (chunks.length > 0 ? finish(true) : done || reject(error)));
    for (const part of Array.isArray(request) ? request : [request]) {
      socket.write(part);
    }
  });
}

/** A request head with CRLFs; `headers` lines are sent as given, duplicates included. */
export function head(method: string, path: string, headers: string[] = []): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n`;
}
