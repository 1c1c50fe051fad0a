// ZeroDowntimeKeyPair: two keys in slots A and B whose rotations are offset by one period,
// so at any time one key is fresh ("current") and the other ("previous") still has at
// least a period to live — consumers always hold a valid key, and each rotation replaces
// only the key they were told to stop using one period earlier.
//
// Time is cut into generations of `rotateEvery`. Slot A is re-keyed on even generations,
// slot B on odd ones (through `rotation_triggers`), so each key is used for two periods and
// its ttl covers at least one more. Each key also carries rotate_before = ttl − 2 periods:
// if deploys stop, the provider's plan still proposes the replacement before expiry, and
// for a key created at its generation boundary both mechanisms agree on the same moment.
import { Construct } from 'constructs';
import { formatDuration, parseDuration } from '@wardenhq/sdk';
import { ApiKey } from './api-key.ts';
import { MAX_TTL_MS, MIN_TTL_MS, Problems, isKnown } from './validation.ts';

export interface ZeroDowntimeKeyPairProps {
  /** The service account both keys belong to. */
  readonly serviceAccountId: string;
  /** Label prefix; the keys are labelled `<label>-a` and `<label>-b`. */
  readonly label: string;
  /** What the keys are for. @default "Zero-downtime key pair <label>, slot a|b." */
  readonly description?: string;
  /** Life of each key, e.g. `90d`. */
  readonly ttl: string;
  /**
   * How often a new key is minted (alternating slots); each key is then replaced after two
   * periods, so `2 × rotateEvery` must be shorter than `ttl`.
   * @default a third of ttl (ttl 90d → 30d: keys replaced at 60d, 30d before they expire)
   */
  readonly rotateEvery?: string;
  /**
   * The current generation. Each +1 replaces exactly one key — the older one.
   * @default `ZeroDowntimeKeyPair.generationAt(new Date(), rotateEvery)`: rotation follows the
   * clock, so a scheduled `cdktf deploy` is all it takes; pass a number (e.g. from CI) to drive it by hand.
   */
  readonly generation?: number;
  /** How long a replaced key keeps working. @default "1h" */
  readonly gracePeriod?: string;
}

const mod2 = (n: number) => ((n % 2) + 2) % 2;

/**
 * Two overlapping keys for consumers that cannot tolerate a gap. Hand out `current`;
 * `previous` stays valid for at least one more period.
 *
 * @example
 * const pair = new ZeroDowntimeKeyPair(this, 'payments', { serviceAccountId: sa.id, label: 'payments', ttl: '90d' });
 * pair.current.exposeSecret('payments_key');
 */
export class ZeroDowntimeKeyPair extends Construct {
  /** Generation number of `date` for a rotation period: whole periods since the Unix epoch. */
  static generationAt(date: Date, rotateEvery: string): number {
    return Math.floor(date.getTime() / parseDuration(rotateEvery, 'rotateEvery'));
  }

  readonly a: ApiKey;
  readonly b: ApiKey;
  /** The key minted in the current generation: hand this one out. */
  readonly current: ApiKey;
  /** The key of the previous generation: still valid, replaced at the next generation. */
  readonly previous: ApiKey;
  /** The generation this pair was synthesized for. */
  readonly generation: number;
  /** The rotation period in effect. */
  readonly rotateEvery: string;

  constructor(scope: Construct, id: string, props: ZeroDowntimeKeyPairProps) {
    super(scope, id);
    const problems = new Problems();
    problems.label('label', isKnown(props.label) ? `${props.label}-a` : undefined);
    const ttlMs = problems.duration('ttl', props.ttl);
    if (props.ttl === undefined) {
      problems.add('ttl', 'is required: a pair of non-expiring keys needs no rotation');
    } else if (!isKnown(props.ttl) || (props.rotateEvery !== undefined && !isKnown(props.rotateEvery))) {
      // The slots' rotate_before and the default period are computed from it at synthesis.
      problems.add('ttl', 'ttl and rotateEvery must be literal durations, not references');
    } else if (ttlMs !== undefined && (ttlMs < MIN_TTL_MS || ttlMs > MAX_TTL_MS)) {
      problems.add('ttl', `"${props.ttl}" is outside 60s–3650d`);
    }
    // Default: a third of the ttl, in whole minutes so that it prints as a duration.
    const periodMs =
      props.rotateEvery !== undefined
        ? problems.duration('rotateEvery', props.rotateEvery)
        : ttlMs !== undefined
          ? Math.floor(ttlMs / 3 / 60_000) * 60_000
          : undefined;
    if (periodMs !== undefined && ttlMs !== undefined && 2 * periodMs >= ttlMs) {
      problems.add('rotateEvery', `each key lives two periods (${formatDuration(2 * periodMs)}), which must be shorter than ttl "${props.ttl}"`);
    }
    if (periodMs !== undefined && periodMs < 60_000) {
      problems.add('rotateEvery', 'must be at least 1m');
    }
    if (props.generation !== undefined && !Number.isSafeInteger(props.generation)) {
      problems.add('generation', `${props.generation} is not a whole number`);
    }
    problems.throwIfAny(this.node.path);

    this.rotateEvery = formatDuration(periodMs!);
    this.generation = props.generation ?? ZeroDowntimeKeyPair.generationAt(new Date(), this.rotateEvery);
    const g = this.generation;
    const rotateBefore = formatDuration(ttlMs! - 2 * periodMs!);
    const slot = (name: 'a' | 'b', trigger: number) =>
      new ApiKey(this, name, {
        serviceAccountId: props.serviceAccountId,
        label: `${props.label}-${name}`,
        description: props.description ?? `Zero-downtime key pair ${props.label}, slot ${name}.`,
        ttl: props.ttl,
        rotateBefore,
        gracePeriod: props.gracePeriod ?? '1h',
        rotationTriggers: { generation: String(trigger) },
      });
    // Slot A takes the latest even generation ≤ g, slot B the latest odd one.
    this.a = slot('a', g - mod2(g));
    this.b = slot('b', g - mod2(g - 1));
    [this.current, this.previous] = mod2(g) === 0 ? [this.a, this.b] : [this.b, this.a];
  }
}
