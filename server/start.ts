// Starts the reference server: storage, logger, app, listen. Used by `warden server`,
// by `npm start` and by every test that needs a real server.
import type { Writable } from 'node:stream';
import { buildApp } from './app.ts';
import { SystemClock, type Clock } from './clock.ts';
import { createLogger } from './logging.ts';
import type { RateLimits } from './rate-limit-policy.ts';
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
  rateLimits?: RateLimits;
}

export interface RunningServer {
  url: string;
  port: number;
  clock: Clock;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? new SystemClock();
  const storage = await openStorage(options);
  const logger = createLogger(options.logLevel ?? 'info', options.logStream);
  const app = await buildApp({ storage, clock, logger, validateResponses: options.validateResponses, rateLimits: options.rateLimits });
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: options.port ?? 8080 });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 8080;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    clock,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}
