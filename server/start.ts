// Starts the reference server: storage, logger, app, listen. Used by `warden server`,
// by `npm start` and by every test that needs a real server.
import type { Writable } from 'node:stream';
import { buildApp } from './app.ts';
import { SystemClock, type Clock } from './clock.ts';
import type { ServerLimits } from './limits.ts';
import { checkListenPolicy } from './listen-policy.ts';
import { createLogger } from './logging.ts';
import type { RateLimits } from './rate-limit-policy.ts';
import type { SessionPolicy } from './sessions.ts';
import { openStorage } from './storage/open.ts';

export interface StartOptions {
  dataDir?: string;
  database?: string;
  host?: string;
  port?: number;
  clock?: Clock;
  logLevel?: string;
  logStream?: Writable;
  validateResponses?: boolean;
  /** Timeouts, connection and body bounds; unset ones take the defaults of limits.ts. */
  limits?: Partial<ServerLimits>;
  /** PEM certificate chain and key: serve HTTPS with HSTS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Allow plain HTTP on a non-loopback host (behind a TLS-terminating proxy). */
  insecureHttp?: boolean;
  rateLimits?: RateLimits;
  /** The public base URL for links the server hands out (invitation URLs); else the request's Host. */
  publicUrl?: string;
  /** Browser session lifetimes (idle and absolute, ms); see sessions.ts for the defaults. */
  sessions?: Partial<SessionPolicy>;
}

export interface RunningServer {
  url: string;
  port: number;
  clock: Clock;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  // Checked before storage opens: a refused start leaves nothing behind.
  checkListenPolicy(host, Boolean(options.tls), Boolean(options.insecureHttp));
  const clock = options.clock ?? new SystemClock();
  const storage = await openStorage(options);
  const logger = createLogger(options.logLevel ?? 'info', options.logStream);
  let app;
  try {
    app = await buildApp({
      storage,
      clock,
      logger,
      validateResponses: options.validateResponses,
      limits: options.limits,
      tls: options.tls,
      rateLimits: options.rateLimits,
      publicUrl: options.publicUrl,
      sessions: options.sessions,
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  try {
    await app.listen({ host, port: options.port ?? 8080 });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    clock,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}
