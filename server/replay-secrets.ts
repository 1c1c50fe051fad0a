// Keeps what an idempotent retry needs to answer like the first request: the record of
// (caller, operation, Idempotency-Key) for a day, and a created secret — sealed, see
// secret-seal.ts — for a short window only. Expired seals are erased on read, before
// each idempotent create (at most every SWEEP_EVERY_MS of server time) and by a timer.
import type { Clock } from './clock.ts';
import { idempotencyLookupHash, openSecret, sealSecret, type SealContext } from './secret-seal.ts';
import type { IdempotencyRow, Repositories, Storage } from './storage/types.ts';

/** How long a replay can still return the created secret. */
export const REPLAY_SECRET_WINDOW_MS = 15 * 60_000;
/** How long a replay returns the created resource at all. */
export const IDEMPOTENCY_RECORD_TTL_MS = 24 * 3_600_000;
const SWEEP_EVERY_MS = 60_000;

export class ReplaySecrets {
  private sweptAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  lookupHash(idempotencyKey: string, principalId: string, operation: string): string {
    return idempotencyLookupHash(idempotencyKey, principalId, operation);
  }

  /** The columns to store with a new record: the sealed secret and when it must go. */
  seal(secret: string | undefined, idempotencyKey: string, ctx: SealContext): Pick<IdempotencyRow, 'sealed_secret' | 'sealed_until'> {
    if (secret === undefined) {
      return { sealed_secret: null, sealed_until: null };
    }
    return {
      sealed_secret: sealSecret(secret, idempotencyKey, ctx),
      sealed_until: new Date(this.clock.now().getTime() + REPLAY_SECRET_WINDOW_MS).toISOString(),
    };
  }

  /** The secret of an earlier create, or null once its window ended (then it is erased). */
  async open(tx: Repositories, row: IdempotencyRow, idempotencyKey: string, ctx: SealContext): Promise<string | null> {
    if (row.sealed_secret === null || row.sealed_until === null) {
      return null;
    }
    const now = this.clock.now().toISOString();
    if (row.sealed_until <= now) {
      await tx.idempotency.eraseSealedUntil(now);
      return null;
    }
    return openSecret(row.sealed_secret, idempotencyKey, ctx);
  }

  /** Erases expired seals and forgets old records; cheap to call, does the work at most once a minute. */
  async sweep(force = false): Promise<void> {
    const now = this.clock.now().getTime();
    if (!force && now - this.sweptAt < SWEEP_EVERY_MS) {
      return;
    }
    this.sweptAt = now;
    // Outside any request transaction, so that the sweep never makes creates conflict.
    await this.storage.idempotency.eraseSealedUntil(new Date(now).toISOString());
    await this.storage.idempotency.purgeBefore(new Date(now - IDEMPOTENCY_RECORD_TTL_MS).toISOString());
  }

  /** Sweeps on a timer too, so seals go even when no create comes in. */
  start(onError: (error: unknown) => void): void {
    this.timer ??= setInterval(() => {
      this.sweep(true).catch(onError);
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
