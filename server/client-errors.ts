// Answers for requests that never reach fastify's router: what Node's HTTP parser refuses
// (malformed request line, headers too large, a request that takes too long to arrive)
// and an `Expect` header other than 100-continue. Each gets problem+json like every other
// error, instead of Node's and fastify's own bodies (empty, or plain JSON without a code).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { HttpProblem, problem, rawProblemResponse } from './errors.ts';

interface ParserError extends Error {
  code?: string;
  /** A Buffer at run time, whatever fastify's typings say. */
  rawPacket?: unknown;
}

/** The problem for a parser error; `reason` is the status line's reason phrase. */
export function problemForClientError(error: ParserError): { problem: HttpProblem; reason: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        problem: problem(408, 'request_timeout', 'The request (headers and body) did not arrive in time; the connection is closed.'),
        reason: 'Request Timeout',
      };
    case 'HPE_HEADER_OVERFLOW': {
      // The request line counts against the same limit; when what arrived starts with a
      // line longer than half of it, it was the request line (the URI) that overflowed.
      const lineEnd = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.indexOf('\r\n') : 0;
      if (lineEnd < 0 || lineEnd > 8 * 1024) {
        return { problem: problem(414, 'uri_too_long', 'The request URI is too long.'), reason: 'URI Too Long' };
      }
      return { problem: problem(431, 'headers_too_large', 'The request headers are too large.'), reason: 'Request Header Fields Too Large' };
    }
    default:
      return { problem: problem(400, 'malformed_request', 'The request is not valid HTTP/1.1.'), reason: 'Bad Request' };
  }
}

/** fastify's `clientErrorHandler`: write the problem on the socket, then close it. */
export function clientErrorHandler(logger: FastifyBaseLogger) {
  return (error: ParserError, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) {
      return;
    }
    const { problem: answer, reason } = problemForClientError(error);
    logger.debug({ code: error.code, status: answer.status }, 'client error');
    // A response already under way on this socket must not be corrupted by a second one.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(rawProblemResponse(answer, reason), () => socket.destroy());
  };
}

/** `checkExpectation` listener: any expectation but 100-continue is refused with 417. */
export function refuseExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const answer = problem(417, 'expectation_failed', 'The server meets no Expect header but "100-continue"; send the request without it.');
  response.writeHead(417, { 'content-type': 'application/problem+json; charset=utf-8', connection: 'close' });
  response.end(JSON.stringify(answer.toBody()));
}
