// Coalesced `last_used_at` writes: authentication records each use in memory, and the
// latest use of each key is written at most once per interval, in the background and on
// shutdown, instead of one UPDATE per request.
import type { Storage } from './storage/types.ts';

export const USAGE_FLUSH_MS = 5_000;

export class UsageRecorder {
  private pending = new Map<string, string>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly storage: Storage,
    intervalMs = USAGE_FLUSH_MS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    // Never the reason a process stays alive.
    this.timer.unref();
  }

  /** Remembers that the key was used at `at` (ISO time); written by the next flush. */
  record(keyId: string, at: string): void {
    const earlier = this.pending.get(keyId);
    if (earlier === undefined || earlier < at) {
      this.pending.set(keyId, at);
    }
  }

  /** Writes every pending use in one transaction; flushes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) {
        return;
      }
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.storage.transaction(async (tx) => {
          for (const [id, at] of batch) {
            await tx.keys.touch(id, at);
          }
        });
      } catch (error) {
        for (const [id, at] of batch) {
          this.record(id, at);
        }
        this.onError(error);
      }
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is pending (call before closing storage). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
