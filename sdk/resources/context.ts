// What every resource module receives from createWardenClient: the raw typed client,
// the organization (resolved lazily), the call wrapper, and the header helpers.
import type { Client } from 'openapi-fetch';
import type { components, operations, paths } from '../generated/warden.ts';
import type { FetchResult, WithEtag } from '../result.ts';

export type Schemas = components['schemas'];
export type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export interface ResourceContext {
  raw: Client<paths>;
  /** The organization name in the path of every org-scoped call. */
  org(): Promise<string>;
  call<T>(run: () => Promise<FetchResult<T>>): Promise<WithEtag<T>>;
  /** An Idempotency-Key header: the caller's key, or a fresh UUID. */
  idempotency(key?: string): { 'Idempotency-Key': string };
  /** An If-Match header when an ETag is given, else nothing (an unconditional change). */
  ifMatch(etag?: string): { 'If-Match'?: string };
}
