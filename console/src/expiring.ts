// The Expiring view's rule, apart from the page so a unit test can pin it: active keys
// whose expiry falls within the next N days, soonest first. Keys without an expiry,
// already expired or revoked (also those inside a revocation grace period) are left out.
import { MS_PER_DAY } from './format.ts';

export const EXPIRY_WINDOWS = [7, 30, 90] as const;

export interface ExpiringKey {
  id: string;
  status: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export function expiringWithin<K extends ExpiringKey>(keys: readonly K[], days: number, now: number): K[] {
  const until = now + days * MS_PER_DAY;
  return keys
    .filter((key) => key.status === 'active' && key.revoked_at === null && key.expires_at !== null)
    .filter((key) => {
      const at = new Date(key.expires_at!).getTime();
      return at > now && at <= until;
    })
    .sort((a, b) => new Date(a.expires_at!).getTime() - new Date(b.expires_at!).getTime());
}
