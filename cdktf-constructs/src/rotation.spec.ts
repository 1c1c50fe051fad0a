// Unit tests of ZeroDowntimeKeyPair: each generation replaces exactly the older key, the
// two keys' lives overlap by at least a period, and the clock drives it by default.
import { describe, expect, it } from 'vitest';
import { resources, synth, thrown } from '../../test/cdktf/helpers.ts';
import { ValidationError, ZeroDowntimeKeyPair, type ZeroDowntimeKeyPairProps } from './index.ts';

const base: ZeroDowntimeKeyPairProps = { serviceAccountId: 'sa_00000000000000000000', label: 'payments', ttl: '90d' };

function pairAt(props: Partial<ZeroDowntimeKeyPairProps>) {
  let pair!: ZeroDowntimeKeyPair;
  const out = synth((s) => {
    pair = new ZeroDowntimeKeyPair(s, 'pair', { ...base, ...props });
  });
  const keys = Object.fromEntries(resources(out, 'warden_api_key').map((k) => [k.label, k]));
  return { pair, keys, triggers: { a: keys['payments-a'].rotation_triggers.generation, b: keys['payments-b'].rotation_triggers.generation } };
}

describe('ZeroDowntimeKeyPair', () => {
  it('replaces exactly one key per generation, alternating slots', () => {
    const seen = [-1, 0, 1, 2, 3, 4].map((generation) => pairAt({ generation }).triggers);
    for (let i = 1; i < seen.length; i++) {
      const changed = (['a', 'b'] as const).filter((slot) => seen[i]![slot] !== seen[i - 1]![slot]);
      expect(changed, `generation ${i - 1}`).toHaveLength(1);
    }
    expect(seen.map((t) => `${t.a}/${t.b}`)).toEqual(['-2/-1', '0/-1', '0/1', '2/1', '2/3', '4/3']);
  });

  it('names current and previous after the generation', () => {
    const even = pairAt({ generation: 4 }).pair;
    expect([even.current.label, even.previous.label]).toEqual(['payments-a', 'payments-b']);
    const odd = pairAt({ generation: 5 }).pair;
    expect([odd.current.label, odd.previous.label]).toEqual(['payments-b', 'payments-a']);
  });

  it('rotates each key after two periods, before it expires, with create-before-destroy and a grace period', () => {
    const { pair, keys } = pairAt({ generation: 0 });
    expect(pair.rotateEvery).toBe('30d');
    for (const key of Object.values(keys)) {
      expect(key).toMatchObject({ ttl: '90d', rotate_before: '30d', grace_period: '1h', lifecycle: { create_before_destroy: true } });
    }
    const custom = pairAt({ generation: 0, ttl: '60d', rotateEvery: '7d', gracePeriod: '6h' });
    expect(custom.keys['payments-a']).toMatchObject({ ttl: '60d', rotate_before: '46d', grace_period: '6h' });
    expect(pairAt({ generation: 0, ttl: '10d' }).pair.rotateEvery).toBe('80h');
  });

  it('follows the clock when no generation is given', () => {
    const now = Date.now();
    const { pair } = pairAt({ ttl: '90d' });
    const expected = Math.floor(now / (30 * 86_400_000));
    expect([expected, expected + 1]).toContain(pair.generation);
    expect(ZeroDowntimeKeyPair.generationAt(new Date(Date.UTC(1970, 0, 61)), '30d')).toBe(2);
  });

  it('reports every invalid prop at once', () => {
    const error = thrown(() => pairAt({ label: 'Payments', ttl: '90d', rotateEvery: '45d', generation: 1.5 }));
    expect((error as ValidationError).problems).toEqual([
      'label: "Payments-a" is not a valid label (lowercase letters, digits, ".", "_", "-")',
      'rotateEvery: each key lives two periods (90d), which must be shorter than ttl "90d"',
      'generation: 1.5 is not a whole number',
    ]);
    expect(() => pairAt({ ttl: 'soon' })).toThrow(/ttl: "soon" is not a duration/);
  });
});
