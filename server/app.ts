// Builds the HTTP application: one route per contract operation, validated against
// openapi/warden.yaml, authenticated, dispatched to its handler; one error handler that
// answers problem+json; health and metrics beside the API. Errors found before routing
// (parser errors, timeouts, bad URLs, unknown routes) answer problem+json too.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AllowedMethods } from './allowed-methods.ts';
import type { AuthenticateOptions } from './auth.ts';
import type { Caller } from './caller.ts';
import { authenticateRequest } from './people-auth.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './sessions.ts';
import { purgePeopleState } from './sign-in.ts';
import { AuthCache } from './auth-cache.ts';
import { USAGE_FLUSH_MS, UsageRecorder } from './usage-recorder.ts';
import { clientErrorHandler, refuseExpectation } from './client-errors.ts';
import { registerConsole } from './console-assets.ts';
import type { Clock } from './clock.ts';
import { loadContract } from './contract.ts';
import { HttpProblem, problem, unavailable } from './errors.ts';
import { parseJsonBody } from './json-body.ts';
import { connectionsCheckingIntervalMs, resolveLimits, type ServerLimits } from './limits.ts';
import { headerProblem } from './request-hygiene.ts';
import { lazyChildLoggers } from './request-logger.ts';
import { HANDLERS, PUBLIC_HANDLERS } from './handlers/index.ts';
import type { ClientInfo, Services } from './handlers/common.ts';
import { createMetrics } from './metrics.ts';
import { registerRateLimits } from './rate-limit.ts';
import { RequestParts } from './request-parts.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit-policy.ts';
import { ReplaySecrets } from './replay-secrets.ts';
import { StorageBusyError, type Storage } from './storage/types.ts';

export interface AppOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /**
   * Check every response against the contract (on in tests); a mismatch becomes a 500.
   * Off in production: it costs a schema walk of every response body.
   */
  validateResponses?: boolean;
  /** Timeouts, connection and body bounds; see limits.ts for the defaults. */
  limits?: Partial<ServerLimits>;
  /** PEM certificate chain and private key: serve HTTPS (and send HSTS) instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Per-client, per-key and failed-authentication limits. @default DEFAULT_RATE_LIMITS */
  rateLimits?: RateLimits;
  /** Cache authentication lookups, exact through auth_version (see auth-cache.ts). @default true */
  authCache?: boolean;
  /** The server's public base URL for links it hands out (invitations); else from the request's Host. */
  publicUrl?: string;
  /** Browser session lifetimes; see sessions.ts for the defaults. */
  sessions?: Partial<SessionPolicy>;
}

/** Sent on every HTTPS answer: clients that saw it once refuse plain HTTP to this host for a year. */
export const HSTS = 'max-age=31536000';

function sendProblem(reply: FastifyReply, error: HttpProblem, instance?: string): FastifyReply {
  return reply.code(error.status).headers(error.headers).type('application/problem+json').send(error.toBody(instance));
}

/** Maps fastify's own errors (parsing, limits, media types, URLs) onto contract problems. */
function asProblem(error: unknown, bodyLimit: number): HttpProblem | undefined {
  if (error instanceof HttpProblem) {
    return error;
  }
  if (error instanceof StorageBusyError) {
    return unavailable(`The storage is busy with conflicting writes (${error.message}); nothing changed, retry shortly.`, error.retryAfterSeconds);
  }
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'payload_too_large', `Request bodies are limited to ${bodyLimit} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported_media_type', 'Send request bodies as application/json.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'invalid_request', 'The body is not valid JSON.', [{ field: 'body', message: 'is not valid JSON' }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'malformed_request', 'The body does not have the length its Content-Length header says.');
    case 'FST_ERR_BAD_URL':
      return problem(400, 'invalid_request', 'The URL path is malformed (check its percent-encoding).', [
        { field: 'path', message: 'is not a valid percent-encoded path' },
      ]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'uri_too_long', 'A path segment is longer than any valid name or id.');
    default:
      if (error instanceof SyntaxError || (error as { statusCode?: number }).statusCode === 400) {
        return problem(400, 'malformed_request', 'The request is malformed.');
      }
      return undefined;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { storage, clock, logger } = options;
  const { operations } = loadContract();
  const missing = operations.filter((op) => op.secured && !HANDLERS[op.operationId] && !PUBLIC_HANDLERS[op.operationId]).map((op) => op.operationId);
  if (missing.length > 0) {
    throw new Error(`The contract names operations without handlers: ${missing.join(', ')}`);
  }
  const metrics = createMetrics();
  const sessionPolicy: SessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessions };
  const services: Services = { storage, clock, secrets: new ReplaySecrets(storage, clock), sessions: sessionPolicy };
  const clientOf = (request: FastifyRequest): ClientInfo => {
    const secure = Boolean(options.tls);
    const host = typeof request.headers.host === 'string' ? request.headers.host : '127.0.0.1';
    const userAgent = request.headers['user-agent'];
    return {
      secure,
      baseUrl: (options.publicUrl ?? `${secure ? 'https' : 'http'}://${host}`).replace(/\/+$/, ''),
      ...(typeof userAgent === 'string' ? { userAgent } : {}),
      ...(typeof request.headers.cookie === 'string' ? { cookie: request.headers.cookie } : {}),
    };
  };
  const authOptions: AuthenticateOptions = {
    ...(options.authCache === false ? {} : { cache: new AuthCache() }),
    usage: new UsageRecorder(storage, USAGE_FLUSH_MS, (error) => logger.error({ err: { message: (error as Error).message } }, 'could not record key use')),
  };
  const limits = resolveLimits(options.limits);
  const nodeServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: connectionsCheckingIntervalMs(limits),
    // Node's own answer to a missing Host is an empty 400; request-hygiene.ts answers instead.
    requireHostHeader: false,
  };
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: limits.bodyLimitBytes,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    ...(options.tls ? { https: { ...nodeServerOptions, cert: options.tls.cert, key: options.tls.key } } : { http: nodeServerOptions }),
    clientErrorHandler: clientErrorHandler(logger as FastifyBaseLogger),
    // Bad percent-encoding and overlong path segments, found by the router.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(reply, asProblem(error, limits.bodyLimitBytes) ?? problem(400, 'malformed_request', 'The request is malformed.')),
    // Each request is logged once, by the route itself, with its operation and status.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLoggers,
    // Path parameters longer than this cannot be valid ids and are refused early.
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // With `https` fastify's type is FastifyInstance<https.Server>; the app uses nothing
    // that differs between the two servers.
  }) as unknown as FastifyInstance;
  app.server.maxConnections = limits.maxConnections;
  app.server.on('checkExpectation', refuseExpectation);

  // The API speaks JSON only, strictly: UTF-8, well-formed, no duplicate keys. fastify's
  // default text/plain parser would let other bodies in.
  app.removeContentTypeParser(['text/plain', 'application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer, request.headers['content-type']));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  // Callback style: a promise per request for a check that never waits is measurable.
  app.addHook('onRequest', (request, reply, done) => {
    if (options.tls) {
      reply.header('strict-transport-security', HSTS);
    }
    done(headerProblem(request.raw));
  });

  registerRateLimits(app, options.rateLimits ?? DEFAULT_RATE_LIMITS);
  services.secrets.start((error) => logger.warn({ err: { message: (error as Error).message } }, 'idempotency sweep failed'));
  app.addHook('onClose', async () => services.secrets.stop());
  // Ended sessions and old sign-in failures are deleted once a minute.
  const peopleSweep = setInterval(() => {
    purgePeopleState(storage, clock, sessionPolicy).catch((error) => logger.warn({ err: { message: (error as Error).message } }, 'session sweep failed'));
  }, 60_000);
  peopleSweep.unref();
  app.addHook('onClose', async () => clearInterval(peopleSweep));

  app.setErrorHandler((error, request, reply) => {
    const known = asProblem(error, limits.bodyLimitBytes);
    if (known) {
      return sendProblem(reply, known);
    }
    request.log.error({ err: { message: (error as Error).message, stack: (error as Error).stack } }, 'unhandled error');
    return sendProblem(reply, problem(500, 'internal', 'The server failed to answer; the error is logged.'));
  });
  const allowed = new AllowedMethods();
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const methods = allowed.for(path);
    if (methods.length > 0 && !methods.includes(request.method)) {
      return sendProblem(
        reply.header('allow', methods.join(', ')),
        problem(405, 'method_not_allowed', `${path} answers ${methods.join(', ')}, not ${request.method}.`),
      );
    }
    return sendProblem(reply, problem(404, 'not_found', `No operation at ${request.method} ${path}.`));
  });
  allowed.add('GET', '/healthz');
  allowed.add('GET', '/metrics');

  app.get('/healthz', async (_request, reply) => {
    try {
      await storage.ping();
      return reply.send({ status: 'ok', storage: storage.kind });
    } catch {
      return sendProblem(reply.header('retry-after', '5'), problem(503, 'unavailable', 'Storage does not answer.'));
    }
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  registerConsole(app, allowed);

  for (const operation of operations) {
    const handler = HANDLERS[operation.operationId];
    // Sign-in, the session itself and accepting an invitation authenticate on their own.
    const publicHandler = PUBLIC_HANDLERS[operation.operationId];
    if (!handler && !publicHandler) {
      continue;
    }
    allowed.add(operation.method, operation.route);
    const routeMetrics = metrics.route(operation.operationId, operation.method);
    app.route({
      method: operation.method as 'GET',
      url: operation.route,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const started = performance.now();
        let status = 500;
        try {
          // Authenticate before validating, so that unauthenticated callers learn nothing
          // about which inputs would be accepted.
          let caller: Caller | undefined;
          if (!publicHandler) {
            try {
              caller = await authenticateRequest(
                storage,
                clock,
                {
                  authorization: request.headers.authorization,
                  cookie: request.headers.cookie,
                  csrfToken: request.headers['x-csrf-token'],
                  method: request.method,
                  orgName: (request.params as { org?: string }).org,
                },
                authOptions,
                sessionPolicy,
              );
            } catch (error) {
              metrics.authFailures.inc();
              throw error;
            }
          }
          // A literal JSON `null` counts as a body, so it is refused where none is expected.
          const hasBody = request.body !== undefined;
          const { params, query } = operation.validateRequest({
            params: request.params,
            query: request.query,
            headers: request.headers,
            body: request.body,
            hasBody,
          });
          const parts = new RequestParts(request, clientOf, params, query, caller);
          const result = publicHandler ? await publicHandler(parts, services) : await handler!(parts, services);
          status = result.status;
          if (options.validateResponses) {
            const mismatch = operation.validateResponse(result.status, result.body);
            if (mismatch) {
              request.log.error({ operation: operation.operationId, mismatch }, 'response does not match the contract');
              throw problem(500, 'internal', 'The response did not match the contract.');
            }
          }
          reply.code(result.status);
          if (result.headers) {
            reply.headers(result.headers);
          }
          return result.body === undefined ? reply.send() : reply.send(result.body);
        } catch (error) {
          const known = asProblem(error, limits.bodyLimitBytes);
          status = known?.status ?? 500;
          throw error;
        } finally {
          const seconds = (performance.now() - started) / 1000;
          routeMetrics.record(status, seconds);
          // At warn level (production's usual) the entry is not even built.
          if (logger.isLevelEnabled('info')) {
            request.log.info({ operation: operation.operationId, status, ms: Math.round(seconds * 1000) }, 'request');
          }
        }
      },
    });
  }
  // Pending key uses are written before storage closes (start.ts closes the app first).
  app.addHook('onClose', async () => authOptions.usage?.close());
  return app;
}
