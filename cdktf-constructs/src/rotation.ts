// ZeroDowntimeKeyPair: two keys with staggered lives so a consumer always holds a valid
// one. Each slot rotates through its own trigger; bumping `generation` rotates only the
// older slot, so the newer key carries traffic while the other is replaced.
import { Construct } from 'constructs';
import { parseDuration, formatDuration } from '../../sdk/duration.ts';
import { ApiKey } from './api-key.ts';

export interface ZeroDowntimeKeyPairProps {
  readonly serviceAccountId: string;
  /** Label prefix; the keys are `<label>-a` and `<label>-b`. */
  readonly label: string;
  /** Life of each key, e.g. `90d`. */
  readonly ttl: string;
  /**
   * A counter you bump to rotate. Slot A takes even generations, slot B odd ones, so each
   * bump replaces exactly one key — the older one.
   * @default 0
   */
  readonly generation?: number;
  /** How long a replaced key keeps working. @default "1h" */
  readonly gracePeriod?: string;
}

/**
 * Two overlapping keys for consumers that cannot tolerate a gap.
 *
 * @example
 * const pair = new ZeroDowntimeKeyPair(this, 'payments', { serviceAccountId: sa.id, label: 'payments', ttl: '90d', generation: 3 });
 * pair.current.exposeSecret('payments_key');
 */
export class ZeroDowntimeKeyPair extends Construct {
  readonly a: ApiKey;
  readonly b: ApiKey;
  /** The key minted most recently: hand this one out. */
  readonly current: ApiKey;

  constructor(scope: Construct, id: string, props: ZeroDowntimeKeyPairProps) {
    super(scope, id);
    const generation = props.generation ?? 0;
    const ttlMs = parseDuration(props.ttl, 'ttl');
    // Half a life before expiry each slot asks for rotation, so the two never expire together.
    const rotateBefore = formatDuration(Math.max(60_000, Math.floor(ttlMs / 2 / 60_000) * 60_000));
    const slot = (name: 'a' | 'b', parity: number) =>
      new ApiKey(this, name, {
        serviceAccountId: props.serviceAccountId,
        label: `${props.label}-${name}`,
        ttl: props.ttl,
        rotateBefore,
        gracePeriod: props.gracePeriod ?? '1h',
        // Slot A changes on even generations, slot B on odd ones.
        rotationTriggers: { generation: String(generation - ((generation - parity + 2) % 2)) },
      });
    this.a = slot('a', 0);
    this.b = slot('b', 1);
    this.current = generation % 2 === 0 ? this.a : this.b;
  }
}
