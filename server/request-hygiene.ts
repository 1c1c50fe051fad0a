// Checks on a request's headers before its body is read: the places where a lenient
// server would guess (which of two Authorization headers counts, whether a gzip body is
// meant to be inflated) are refused instead, with a problem saying what to send.
import type { IncomingMessage } from 'node:http';
import { problem, type HttpProblem } from './errors.ts';

/** Headers that carry one value; Node keeps the first of several and drops the rest. */
const SINGLE_VALUED = ['authorization', 'content-type', 'content-encoding', 'host', 'idempotency-key', 'if-match'];

function duplicatedHeader(rawHeaders: string[]): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (SINGLE_VALUED.includes(name)) {
      if (seen.has(name)) {
        return name;
      }
      seen.add(name);
    }
  }
  return undefined;
}

/** The problem with this request's headers, or undefined when they are acceptable. */
export function headerProblem(request: IncomingMessage): HttpProblem | undefined {
  const duplicate = duplicatedHeader(request.rawHeaders);
  if (duplicate) {
    return problem(400, 'invalid_request', `The request carries the ${duplicate} header more than once; send it once.`, [
      { field: `header.${duplicate}`, message: 'appears more than once' },
    ]);
  }
  // Node is told not to require Host (its own answer has an empty body); HTTP/1.1 does.
  if (request.httpVersion === '1.1' && !request.headers.host) {
    return problem(400, 'malformed_request', 'HTTP/1.1 requests must carry a Host header.');
  }
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined) {
    const codings = encoding
      .split(',')
      .map((coding) => coding.trim().toLowerCase())
      .filter((coding) => coding !== '');
    if (codings.some((coding) => coding !== 'identity')) {
      return problem(415, 'unsupported_content_encoding', 'The server does not decode request bodies; send them uncompressed, without Content-Encoding.', [
        { field: 'header.content-encoding', message: 'only identity is accepted' },
      ]);
    }
  }
  return undefined;
}
