// What a handler receives of its request. `client` is built only when a handler reads it
// (the few that answer with links or cookies), through a getter on this class's prototype.
// It used to be a getter in an object literal: that is a new closure per request, so every
// request's object got a hidden class of its own, and old space kept those classes, with the
// closure and the whole request it held, until a full collection. Under load that promoted
// about 1 KB per request and made each scavenge take milliseconds.
import type { FastifyRequest } from 'fastify';
import type { Caller } from './caller.ts';
import type { ClientInfo, HandlerRequest, Validated } from './handlers/common.ts';

export class RequestParts implements HandlerRequest {
  readonly headers: HandlerRequest['headers'];
  readonly body: Validated;
  readonly caller: Caller;

  constructor(
    private readonly request: FastifyRequest,
    private readonly describeClient: (request: FastifyRequest) => ClientInfo,
    readonly params: Record<string, Validated>,
    readonly query: Record<string, Validated>,
    /** Absent for the operations that authenticate on their own; their handlers' type has no caller. */
    caller: Caller | undefined,
  ) {
    this.headers = request.headers;
    this.body = request.body;
    this.caller = caller as Caller;
  }

  get client(): ClientInfo {
    return this.describeClient(this.request);
  }
}
