// Rate limiting as fastify hooks: per client address, per credential, and a strict
// budget of failed authentications per address that, once spent, refuses the address
// for a doubling time (one window, then 2×, 4×… up to an hour). Counters live in this
// process (rate-limiter-flexible's memory store): with N replicas a client may get up to
// N × the limit unless the load balancer keeps it on one replica.
//
// Every answer carries the IETF draft headers (draft-ietf-httpapi-ratelimit-headers):
//   RateLimit-Policy: "client";q=20000;w=60, "key";q=20000;w=60, "auth-failures";q=20;w=60
//   RateLimit: "client";r=19998;t=57, …
// and a 429 carries Retry-After plus a problem+json body with code `rate_limited`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { isWellFormedToken } from '../sdk/token.ts';
import { extractToken, hashToken } from './auth.ts';
import { problem } from './errors.ts';
import type { Quota, RateLimits } from './rate-limit-policy.ts';

type PolicyName = 'client' | 'key' | 'auth-failures';

declare module 'fastify' {
  interface FastifyRequest {
    /** The limits that answered this request, for its RateLimit headers. */
    rateLimitStates: PolicyState[] | null;
  }
}

interface PolicyState {
  name: PolicyName;
  quota: Quota;
  remaining: number;
  resetSeconds: number;
}

const MAX_BLOCK_SECONDS = 3_600;
/** How long an address's earlier blocks count towards a longer next one. */
const STRIKE_MEMORY_SECONDS = 3_600;
/** Past this many, addresses whose failures have expired are forgotten at the next failure. */
const MAX_FAILING_ADDRESSES = 10_000;

const limiter = (quota: Quota) => new RateLimiterMemory({ points: quota.points, duration: quota.seconds });
const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

function state(name: PolicyName, quota: Quota, res: RateLimiterRes | null): PolicyState {
  return {
    name,
    quota,
    remaining: res ? Math.max(0, quota.points - res.consumedPoints) : quota.points,
    resetSeconds: res ? seconds(res.msBeforeNext) : quota.seconds,
  };
}

function isRejection(error: unknown): error is RateLimiterRes {
  return typeof error === 'object' && error !== null && 'msBeforeNext' in error && !(error instanceof Error);
}

/** The RateLimit-Policy and RateLimit header values for these states, or undefined for none. */
function headerValues(states: PolicyState[]): { policy: string; current: string } | undefined {
  if (states.length === 0) {
    return undefined;
  }
  let policy = '';
  let current = '';
  for (const s of states) {
    policy += `${policy ? ', ' : ''}"${s.name}";q=${s.quota.points};w=${s.quota.seconds}`;
    current += `${current ? ', ' : ''}"${s.name}";r=${s.remaining};t=${s.resetSeconds}`;
  }
  return { policy, current };
}

function setHeaders(reply: FastifyReply, values: { policy: string; current: string } | undefined): void {
  if (values) {
    reply.header('ratelimit-policy', values.policy);
    reply.header('ratelimit', values.current);
  }
}

function tooMany(retryAfter: number, detail: string) {
  const refused = problem(429, 'rate_limited', `${detail} Retry after ${retryAfter} s.`);
  refused.headers['retry-after'] = String(Math.max(1, retryAfter));
  return refused;
}

export function registerRateLimits(app: FastifyInstance, limits: RateLimits): void {
  const client = limits.client && limiter(limits.client);
  const key = limits.key && limiter(limits.key);
  const failures = limits.authFailures && limiter(limits.authFailures);
  const strikes = new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: STRIKE_MEMORY_SECONDS });
  // A decorated field rather than a WeakMap: every request's object keeps one shape, and the
  // collector has no ephemeron table to walk.
  app.decorateRequest('rateLimitStates', null);
  // Addresses with failed authentications the failure limiter still counts, and until when.
  // Every other address has its whole budget, which is known without asking the limiter.
  const failing = new Map<string, number>();
  const stillFailing = (address: string) => {
    const until = failing.get(address);
    if (until !== undefined && until <= Date.now()) {
      failing.delete(address);
      return false;
    }
    return until !== undefined;
  };

  /** The rest of onRequest, for what the limiter must be asked about. */
  const check = async (request: FastifyRequest, found: PolicyState[], failed: boolean) => {
    const address = request.ip;
    // An address that spent its failure budget is refused before any credential is
    // looked at, so guessing stops being worth the time.
    if (failed && failures && limits.authFailures) {
      const spent = await failures.get(address);
      const current = state('auth-failures', limits.authFailures, spent);
      found[0] = current;
      if (spent && spent.consumedPoints >= limits.authFailures.points && spent.msBeforeNext > 0) {
        throw tooMany(current.resetSeconds, 'Too many failed authentications from this address.');
      }
    }
    const consume = async (name: PolicyName, rl: RateLimiterMemory, quota: Quota, bucket: string, what: string) => {
      try {
        found.push(state(name, quota, await rl.consume(bucket)));
      } catch (error) {
        if (!isRejection(error)) {
          throw error;
        }
        const current = state(name, quota, error);
        found.push(current);
        throw tooMany(current.resetSeconds, `${what} may send ${quota.points} requests per ${quota.seconds} s.`);
      }
    };
    if (client && limits.client) {
      await consume('client', client, limits.client, address, 'A client address');
    }
    const token = extractToken(typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined);
    if (key && limits.key && token && isWellFormedToken(token)) {
      // Counted by the credential's hash: only its holder can spend its budget.
      await consume('key', key, limits.key, hashToken(token), 'One API key');
    }
  };

  // What an address with no failures is told when no other limit applies: the same on
  // every such request, so its headers are written once, here.
  const untouched: PolicyState[] = failures && limits.authFailures ? [state('auth-failures', limits.authFailures, null)] : [];
  const untouchedHeaders = headerValues(untouched);

  // Callback-style hooks: most requests need no limiter lookup for failures, and with the
  // client and key limits off none at all, so they cost no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const failed = Boolean(failures) && stillFailing(request.ip);
    if (failed || client || key) {
      const found = [...untouched];
      request.rateLimitStates = found;
      check(request, found, failed).then(() => done(), done);
    } else {
      request.rateLimitStates = untouched;
      done();
    }
  });

  const recordFailure = async (request: FastifyRequest, found: PolicyState[], quota: Quota, limiter: RateLimiterMemory) => {
    const address = request.ip;
    let spent = await limiter.penalty(address);
    if (spent.consumedPoints >= quota.points) {
      // Budget spent: refuse the address for one window, doubling on each repeat.
      const repeats = (await strikes.penalty(address)).consumedPoints;
      const refusedFor = Math.min(MAX_BLOCK_SECONDS, quota.seconds * 2 ** (repeats - 1));
      spent = await limiter.block(address, refusedFor);
      request.log.warn({ address, failures: quota.points, seconds: refusedFor }, 'address refused after failed authentications');
    }
    const now = Date.now();
    if (failing.size >= MAX_FAILING_ADDRESSES) {
      for (const [known, until] of failing) {
        if (until <= now) {
          failing.delete(known);
        }
      }
    }
    failing.set(address, now + spent.msBeforeNext);
    const index = found.findIndex((s) => s.name === 'auth-failures');
    const current = state('auth-failures', quota, spent);
    if (index >= 0) {
      found[index] = current;
    } else {
      found.push(current);
    }
  };

  app.addHook('onSend', (request, reply, payload, done) => {
    const found = request.rateLimitStates ?? [];
    if (reply.statusCode === 401 && failures && limits.authFailures) {
      // recordFailure updates the states in place; the shared untouched ones stay as they are.
      const own = found === untouched ? [...untouched] : found;
      recordFailure(request, own, limits.authFailures, failures).then(
        () => {
          setHeaders(reply, headerValues(own));
          done(null, payload);
        },
        (error: Error) => done(error),
      );
      return;
    }
    setHeaders(reply, found === untouched ? untouchedHeaders : headerValues(found));
    done(null, payload);
  });
}
