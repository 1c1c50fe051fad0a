// Holds a key's secret in process memory only, for a few minutes, so that an idempotent
// retry of a create can return the same secret. Never written to storage or logs.
const DEFAULT_TTL_MS = 15 * 60_000;

export class SecretCache {
  private readonly entries = new Map<string, { secret: string; until: number }>();

  constructor(private readonly ttlMs = DEFAULT_TTL_MS) {}

  put(keyId: string, secret: string): void {
    this.sweep();
    this.entries.set(keyId, { secret, until: Date.now() + this.ttlMs });
  }

  get(keyId: string): string | null {
    const entry = this.entries.get(keyId);
    return entry && entry.until > Date.now() ? entry.secret : null;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) {
      if (entry.until <= now) {
        this.entries.delete(id);
      }
    }
  }
}
