// The gRPC server the plugin protocol needs, on node:http2 directly: unary calls and one
// idle server stream (go-plugin's stdio), over the one HTTP/2 connection Terraform opens,
// with AutoMTLS. A provider serves thousands of small unary calls per plan and is on
// Terraform's critical path, and grpc-js's general machinery (interceptors, filters,
// deadlines, metadata objects, per-call state machines) cost more CPU per call than the
// provider's own work; this speaks only the subset Terraform's Go client uses.
//
// Wire format (gRPC over HTTP/2): a POST to /package.Service/Method whose body is
// length-prefixed messages (1 byte compressed flag, 4 bytes big-endian length, message);
// the answer is headers, the same framing, then trailers carrying grpc-status.
import {
  constants,
  createSecureServer,
  createServer,
  type Http2Server,
  type IncomingHttpHeaders,
  type ServerHttp2Stream as Http2Stream,
  type SecureServerOptions,
} from 'node:http2';
import type { Socket } from 'node:net';

/**
 * One method as protos.ts builds it from the descriptor. Its shape is also what grpc-js
 * clients take (bench/ and tests call the provider with one), hence the client-side pair.
 */
export interface MethodDefinition {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  requestSerialize: (value: object) => Buffer;
  requestDeserialize: (bytes: Buffer) => object;
  responseSerialize: (value: object) => Buffer;
  responseDeserialize: (bytes: Buffer) => object;
  originalName?: string;
}
export type ServiceDefinition = Record<string, MethodDefinition>;

/** A unary handler: the decoded request in, the answer (or a gRPC error) out. */
export type Unary = (request: never) => object | Promise<object>;
/** A server-streaming handler that never writes: the call stays open until the process ends. */
export type IdleStream = 'idle-stream';
export type ServiceImplementation = Record<string, Unary | IdleStream>;

/** gRPC status codes used here (grpc/doc/statuscodes.md). */
export const Status = { OK: 0, INVALID_ARGUMENT: 3, RESOURCE_EXHAUSTED: 8, UNIMPLEMENTED: 12, INTERNAL: 13 } as const;

/** A handler's refusal with a gRPC status; anything else thrown becomes INTERNAL. */
export class GrpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface GrpcServerOptions {
  /** Larger request messages are refused with RESOURCE_EXHAUSTED. */
  maxMessageBytes: number;
  /** AutoMTLS: our key and certificate, and the one client certificate we accept. */
  tls?: { keyPem: string; certPem: string; clientCertPem: string };
}

interface Route {
  method: MethodDefinition;
  handler: Unary | IdleStream;
}

const WINDOW_BYTES = 16 * 1024 * 1024;
const RESPONSE_HEADERS = { [constants.HTTP2_HEADER_STATUS]: 200, [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc' };
const OK_TRAILERS = { 'grpc-status': String(Status.OK) };

/** gRPC's message framing: flag byte 0 (not compressed), big-endian length, message. */
function frame(message: Buffer): Buffer {
  const framed = Buffer.allocUnsafe(5 + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  message.copy(framed, 5);
  return framed;
}

/** grpc-message: UTF-8 with bytes outside printable ASCII, and `%`, percent-encoded (gRPC over HTTP/2, "Responses"). */
function encodeStatusMessage(message: string): string {
  let encoded = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    encoded += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

export class GrpcServer {
  private readonly routes = new Map<string, Route>();
  private readonly http2: Http2Server;

  constructor(private readonly options: GrpcServerOptions) {
    const tls = options.tls;
    const secure: SecureServerOptions | undefined = tls && {
      key: tls.keyPem,
      cert: tls.certPem,
      ca: tls.clientCertPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    };
    // 16 MiB flow-control windows instead of HTTP/2's 64 KiB, for the stream and the
    // connection: a large state arrives without a round trip per 64 KiB.
    const settings = { initialWindowSize: WINDOW_BYTES, maxHeaderListSize: 64 * 1024 };
    this.http2 = (secure ? createSecureServer({ ...secure, settings }) : createServer({ settings })) as Http2Server;
    this.http2.on('session', (session) => session.setLocalWindowSize(WINDOW_BYTES));
    this.http2.on('stream', (stream, headers) => this.dispatch(stream, headers));
    // A broken connection ends the calls on it; the process lives on for Terraform's others.
    this.http2.on('sessionError', () => undefined);
    this.http2.on('tlsClientError', () => undefined);
  }

  addService(definition: ServiceDefinition, implementation: ServiceImplementation): void {
    for (const [name, method] of Object.entries(definition)) {
      const handler = implementation[name];
      if (handler) {
        this.routes.set(method.path, { method, handler });
      }
    }
  }

  /** Serves a connection accepted elsewhere (the early listener). */
  injectConnection(socket: Socket): void {
    this.http2.emit('connection', socket);
  }

  private dispatch(stream: Http2Stream, headers: IncomingHttpHeaders): void {
    stream.on('error', () => undefined);
    const path = headers[constants.HTTP2_HEADER_PATH];
    const route = typeof path === 'string' ? this.routes.get(path) : undefined;
    if (!route) {
      return this.fail(stream, Status.UNIMPLEMENTED, `unknown method ${String(path)}`);
    }
    if (route.handler === 'idle-stream') {
      // Headers now, trailers never: go-plugin's stdio stream only ever waits.
      stream.respond(RESPONSE_HEADERS);
      stream.resume();
      return;
    }
    const unary = route.handler;
    const chunks: Buffer[] = [];
    let received = 0;
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > this.options.maxMessageBytes + 5) {
        this.fail(stream, Status.RESOURCE_EXHAUSTED, `request larger than ${this.options.maxMessageBytes} bytes`);
        stream.removeAllListeners('data');
        stream.resume();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (stream.headersSent) {
        return;
      }
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5) {
        // Terraform sends exactly one uncompressed message per unary call.
        return this.fail(stream, Status.INVALID_ARGUMENT, 'expected one uncompressed gRPC message');
      }
      let request: object;
      try {
        request = route.method.requestDeserialize(body.subarray(5));
      } catch (error) {
        return this.fail(stream, Status.INVALID_ARGUMENT, `cannot decode the request: ${(error as Error).message}`);
      }
      let answer: object | Promise<object>;
      try {
        answer = unary(request as never);
      } catch (error) {
        return this.failWith(stream, error);
      }
      if (answer instanceof Promise) {
        answer.then(
          (value) => this.reply(stream, route.method, value),
          (error: unknown) => this.failWith(stream, error),
        );
      } else {
        this.reply(stream, route.method, answer);
      }
    });
  }

  private reply(stream: Http2Stream, method: MethodDefinition, answer: object): void {
    if (stream.destroyed || stream.closed) {
      return; // Terraform cancelled the call
    }
    let message: Buffer;
    try {
      message = method.responseSerialize(answer);
    } catch (error) {
      return this.fail(stream, Status.INTERNAL, `cannot encode the answer: ${(error as Error).message}`);
    }
    stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers(OK_TRAILERS));
    stream.end(frame(message));
  }

  private failWith(stream: Http2Stream, error: unknown): void {
    if (error instanceof GrpcError) {
      this.fail(stream, error.code, error.message);
    } else {
      this.fail(stream, Status.INTERNAL, String((error as Error)?.message ?? error));
    }
  }

  /** A trailers-only answer: status and message in the one HEADERS frame, stream ended. */
  private fail(stream: Http2Stream, code: number, message: string): void {
    if (stream.destroyed || stream.closed || stream.headersSent) {
      return;
    }
    stream.respond({ ...RESPONSE_HEADERS, 'grpc-status': String(code), 'grpc-message': encodeStatusMessage(message) }, { endStream: true });
  }
}
