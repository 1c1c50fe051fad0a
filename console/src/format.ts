// How times, durations and key states are written on every page: UTC, to the minute, so
// that what one person reads out matches what another sees.
const MS_PER_DAY = 86_400_000;

export function formatTime(iso: string | null | undefined, never = '—'): string {
  if (!iso) {
    return never;
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "in 3 days", "in 5 hours", "2 days ago". */
export function relativeTime(iso: string, now = Date.now()): string {
  const delta = new Date(iso).getTime() - now;
  const abs = Math.abs(delta);
  const [amount, unit] =
    abs >= MS_PER_DAY
      ? [Math.round(abs / MS_PER_DAY), 'day']
      : abs >= 3_600_000
        ? [Math.round(abs / 3_600_000), 'hour']
        : [Math.max(1, Math.round(abs / 60_000)), 'minute'];
  const text = `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

/** TTL choices offered when a key is created; `''` is "does not expire". */
export const TTL_CHOICES: readonly { value: string; label: string }[] = [
  { value: '1d', label: '1 day' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '365d', label: '365 days' },
  { value: '', label: 'No expiry' },
];

/** Grace periods offered when a key is revoked; `''` is "now". */
export const GRACE_CHOICES: readonly { value: string; label: string }[] = [
  { value: '', label: 'Revoke now' },
  { value: '1h', label: 'After 1 hour' },
  { value: '24h', label: 'After 24 hours' },
  { value: '7d', label: 'After 7 days' },
];

export { MS_PER_DAY };
