// The console's Expiring view rule: active keys expiring within the window, soonest first;
// keys without an expiry, expired, revoked or in a revocation grace period are left out.
import { describe, expect, it } from 'vitest';
import { EXPIRY_WINDOWS, expiringWithin, type ExpiringKey } from '../../console/src/expiring.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function key(id: string, expiresInDays: number | null, extra: Partial<ExpiringKey> = {}): ExpiringKey {
  return { id, status: 'active', expires_at: expiresInDays === null ? null : new Date(NOW + expiresInDays * DAY).toISOString(), revoked_at: null, ...extra };
}

describe('expiringWithin', () => {
  const keys = [
    key('in-40d', 40),
    key('in-3d', 3),
    key('in-7d', 7),
    key('never', null),
    key('in-20d', 20),
    key('expired', -1, { status: 'expired' }),
    key('revoked', 5, { status: 'revoked', revoked_at: new Date(NOW - DAY).toISOString() }),
    key('grace', 5, { revoked_at: new Date(NOW + DAY).toISOString() }),
    key('in-90d', 90),
    key('in-91d', 91),
  ];

  it('offers 7, 30 and 90 days', () => {
    expect([...EXPIRY_WINDOWS]).toEqual([7, 30, 90]);
  });

  it('keeps active keys expiring within the window (its last instant included), soonest first', () => {
    expect(expiringWithin(keys, 7, NOW).map((k) => k.id)).toEqual(['in-3d', 'in-7d']);
    expect(expiringWithin(keys, 30, NOW).map((k) => k.id)).toEqual(['in-3d', 'in-7d', 'in-20d']);
    expect(expiringWithin(keys, 90, NOW).map((k) => k.id)).toEqual(['in-3d', 'in-7d', 'in-20d', 'in-40d', 'in-90d']);
  });

  it('leaves out keys that do not expire, have expired, are revoked or are in a grace period', () => {
    const ids = expiringWithin(keys, 90, NOW).map((k) => k.id);
    for (const excluded of ['never', 'expired', 'revoked', 'grace', 'in-91d']) {
      expect(ids).not.toContain(excluded);
    }
  });
});
