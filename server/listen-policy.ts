// Where the server may listen without TLS: loopback only, unless the operator says that
// something else (a TLS-terminating proxy, a private network) protects the traffic.
import { isIP } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') {
    return true;
  }
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** Thrown before anything listens; `warden server` exits 2 with its message. */
export class InsecureListenError extends Error {
  override name = 'InsecureListenError';
  constructor(host: string) {
    super(
      `refusing to serve plain HTTP on ${host}: API keys would cross the network in clear text. ` +
        'Pass --tls-cert FILE --tls-key FILE to serve HTTPS, or --insecure-http if a TLS-terminating proxy or a private network protects this address.',
    );
  }
}

export function checkListenPolicy(host: string, tls: boolean, insecureHttp: boolean): void {
  if (!tls && !insecureHttp && !isLoopbackHost(host)) {
    throw new InsecureListenError(host);
  }
}
