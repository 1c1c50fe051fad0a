// What every Warden resource receives after ConfigureProvider: the SDK client, the
// server's clock, so time decisions (key rotation) use the server's idea of now, and the
// per-process cache that makes a refresh cost a few list requests.
import type { WardenClient } from '../sdk/client.ts';
import type { OrgCache } from './org-cache.ts';

export interface WardenProviderClient {
  sdk: WardenClient;
  organization: string;
  /** Server time: local time corrected by the offset measured at configure. */
  now(): Date;
  /** Bulk-refresh snapshots and catalogs, shared by every resource of this process. */
  cache: OrgCache;
}

/** True when the SDK says the object does not exist (any more). */
export function isNotFound(error: unknown): boolean {
  return (error as { status?: number })?.status === 404;
}

/** Awaits a delete-like call; an object already gone (404) is what the caller wanted anyway. */
export async function unlessGone(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isNotFound(error)) {
      throw error;
    }
  }
}
