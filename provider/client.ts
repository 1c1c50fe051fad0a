// What every Warden resource receives after ConfigureProvider: the SDK client and the
// server's clock, so time decisions (key rotation) use the server's idea of now.
import type { WardenClient } from '../sdk/client.ts';

export interface WardenProviderClient {
  sdk: WardenClient;
  organization: string;
  /** Server time: local time corrected by the offset measured at configure. */
  now(): Date;
}

/** True when the SDK says the object does not exist (any more). */
export function isNotFound(error: unknown): boolean {
  return (error as { status?: number })?.status === 404;
}
