// Option-value parsers for commander: a bad value is a usage error (exit 2) whose
// message names the option and the fix, before any request is sent.
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../sdk/duration.ts';

/** Checks a duration with the SDK's parser (the same rule as the server and the provider). */
export function durationOption(option: string) {
  return (value: string): string => {
    try {
      parseDuration(value, option);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
    return value;
  };
}

export function integerOption(option: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`${option} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

/** `a,b , c` → ['a', 'b', 'c']. */
export function listOption(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
