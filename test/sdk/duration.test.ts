// Durations as users write them: a positive whole number and one unit, s, m, h or d.
import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, isDuration, parseDuration } from '../../sdk/index.ts';

describe('parseDuration', () => {
  it.each([
    ['1s', 1_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['1d', 86_400_000],
    ['90d', 7_776_000_000],
    ['3650d', 315_360_000_000],
  ])('%s = %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(isDuration(text)).toBe(true);
  });

  it.each(['', ' ', '0d', '00d', '01d', '1.5h', '90', 'd', '-1d', '+1d', '90x', '1w', '1y', '90D', ' 90d', '90d ', '1h30m', '1e3s', '999999999d'])(
    'refuses %j with an error naming the field and the fix',
    (text) => {
      expect(isDuration(text)).toBe(false);
      let error: unknown;
      try {
        parseDuration(text, 'ttl');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DurationError);
      expect((error as DurationError).field).toBe('ttl');
      expect((error as Error).message).toMatch(/^ttl: ".*" is not a duration; use a whole number and a unit s, m, h or d \(e\.g\. 90s, 15m, 12h, 90d\)$/);
    },
  );

  it('refuses values that are not strings at all', () => {
    expect(() => parseDuration(90 as unknown as string, 'grace_period')).toThrow(/^grace_period: 90 is not a duration/);
    expect(() => parseDuration(undefined as unknown as string, 'rotate_before')).toThrow(/^rotate_before: undefined is not a duration/);
  });
});

describe('formatDuration', () => {
  it.each([
    [1_000, '1s'],
    [90_000, '90s'],
    [900_000, '15m'],
    [3_600_000, '1h'],
    [43_200_000, '12h'],
    [86_400_000, '1d'],
    [7_776_000_000, '90d'],
    [90 * 60_000, '90m'],
    [1_500, '2s'],
    [0, '1s'],
  ])('%i ms = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips every whole duration', () => {
    for (const text of ['1s', '59s', '61s', '1m', '61m', '1h', '25h', '1d', '400d']) {
      expect(parseDuration(formatDuration(parseDuration(text)))).toBe(parseDuration(text));
    }
  });
});
