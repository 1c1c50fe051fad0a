// Builds the HTTP application: one route per contract operation, validated against
// openapi/warden.yaml, authenticated, dispatched to its handler; one error handler that
// answers problem+json; health and metrics beside the API.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { authenticate, type AuthenticateOptions } from './auth.ts';
import { AuthCache } from './auth-cache.ts';
import { USAGE_FLUSH_MS, UsageRecorder } from './usage-recorder.ts';
import type { Clock } from './clock.ts';
import { loadContract } from './contract.ts';
import { HttpProblem, problem } from './errors.ts';
import { HANDLERS } from './handlers/index.ts';
import type { Services } from './handlers/common.ts';
import { createMetrics } from './metrics.ts';
import { SecretCache } from './secret-cache.ts';
import type { Storage } from './storage/types.ts';

export interface AppOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /**
   * Check every response against the contract (on in tests); a mismatch becomes a 500.
   * Off in production: it costs a schema walk of every response body.
   */
  validateResponses?: boolean;
  /** Cache authentication lookups, exact through auth_version (see auth-cache.ts). @default true */
  authCache?: boolean;
}

const BODY_LIMIT = 64 * 1024;

function sendProblem(reply: FastifyReply, error: HttpProblem, instance?: string): FastifyReply {
  return reply.code(error.status).type('application/problem+json').send(error.toBody(instance));
}

/** Maps fastify's own errors (parsing, limits, media types) onto contract problems. */
function asProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) {
    return error;
  }
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'payload_too_large', `Request bodies are limited to ${BODY_LIMIT} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported_media_type', 'Send request bodies as application/json.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'invalid_request', 'The body is not valid JSON.', [{ field: 'body', message: 'is not valid JSON' }]);
    case 'FST_ERR_BAD_URL':
      return problem(400, 'invalid_request', 'The URL is malformed.');
    default:
      if (error instanceof SyntaxError || (error as { statusCode?: number }).statusCode === 400) {
        return problem(400, 'invalid_request', 'The request is malformed.');
      }
      return undefined;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { storage, clock, logger } = options;
  const { operations } = loadContract();
  const missing = operations.filter((op) => op.secured && !HANDLERS[op.operationId]).map((op) => op.operationId);
  if (missing.length > 0) {
    throw new Error(`The contract names operations without handlers: ${missing.join(', ')}`);
  }
  const metrics = createMetrics();
  const services: Services = { storage, clock, secrets: new SecretCache() };
  const authOptions: AuthenticateOptions = {
    ...(options.authCache === false ? {} : { cache: new AuthCache() }),
    usage: new UsageRecorder(storage, USAGE_FLUSH_MS, (error) => logger.error({ err: { message: (error as Error).message } }, 'could not record key use')),
  };
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // Each request is logged once, by the route itself, with its operation and status.
    logController: new LogController({ disableRequestLogging: true }),
    // Path parameters longer than this cannot be valid ids and are refused early.
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
  });

  // The API speaks JSON only; fastify's default text/plain parser would let other bodies in.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error, request, reply) => {
    const known = asProblem(error);
    if (known) {
      return sendProblem(reply, known);
    }
    request.log.error({ err: { message: (error as Error).message, stack: (error as Error).stack } }, 'unhandled error');
    return sendProblem(reply, problem(500, 'internal', 'The server failed to answer; the error is logged.'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not_found', `No operation at ${request.method} ${request.url.split('?')[0]}.`)),
  );

  app.get('/healthz', async (_request, reply) => {
    try {
      await storage.ping();
      return reply.send({ status: 'ok', storage: storage.kind });
    } catch {
      return sendProblem(reply.header('retry-after', '5'), problem(503, 'unavailable', 'Storage does not answer.'));
    }
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  for (const operation of operations) {
    const handler = HANDLERS[operation.operationId];
    if (!handler) {
      continue;
    }
    app.route({
      method: operation.method as 'GET',
      url: operation.route,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const started = process.hrtime.bigint();
        let status = 500;
        try {
          // Authenticate before validating, so that unauthenticated callers learn nothing
          // about which inputs would be accepted.
          let caller;
          try {
            caller = await authenticate(storage, clock, request.headers.authorization, authOptions);
          } catch (error) {
            metrics.authFailures.inc();
            throw error;
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
          const result = await handler({ params, query, headers: request.headers, body: request.body, caller }, services);
          status = result.status;
          if (options.validateResponses) {
            const mismatch = operation.validateResponse(result.status, result.body);
            if (mismatch) {
              request.log.error({ operation: operation.operationId, mismatch }, 'response does not match the contract');
              throw problem(500, 'internal', 'The response did not match the contract.');
            }
          }
          reply.code(result.status).headers(result.headers ?? {});
          return result.body === undefined ? reply.send() : reply.send(result.body);
        } catch (error) {
          const known = asProblem(error);
          status = known?.status ?? 500;
          throw error;
        } finally {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.requests.inc({ operation: operation.operationId, method: operation.method, status: String(status) });
          metrics.latency.observe({ operation: operation.operationId, method: operation.method }, seconds);
          request.log.info({ operation: operation.operationId, status, ms: Math.round(seconds * 1000) }, 'request');
        }
      },
    });
  }
  // Pending key uses are written before storage closes (start.ts closes the app first).
  app.addHook('onClose', async () => authOptions.usage?.close());
  return app;
}
