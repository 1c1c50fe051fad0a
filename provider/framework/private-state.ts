// Private state: bytes Terraform stores beside a resource's state and hands back on the
// next plan, apply, read and import, never shown to users. The framework keeps them as a
// JSON object of named entries so several concerns can share them without clashing.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export class PrivateState {
  private entries: Record<string, JsonValue>;
  private changed = false;

  /** Bytes that are not a JSON object (another provider's, say) pass through untouched. */
  private constructor(private readonly raw: Uint8Array | undefined) {
    this.entries = {};
    if (raw && raw.length > 0) {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(raw).toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          this.entries = parsed as Record<string, JsonValue>;
        }
      } catch {
        // Opaque bytes: kept as they are unless provider code sets an entry.
      }
    }
  }

  static from(bytes: Uint8Array | null | undefined): PrivateState {
    return new PrivateState(bytes ?? undefined);
  }

  static empty(): PrivateState {
    return new PrivateState(undefined);
  }

  get<T extends JsonValue = JsonValue>(key: string): T | undefined {
    return this.entries[key] as T | undefined;
  }

  set(key: string, value: JsonValue): void {
    this.entries = { ...this.entries, [key]: value };
    this.changed = true;
  }

  delete(key: string): void {
    const { [key]: _dropped, ...rest } = this.entries;
    this.entries = rest;
    this.changed = true;
  }

  keys(): string[] {
    return Object.keys(this.entries);
  }

  /** The bytes to send back: the original ones when nothing was set. */
  toBytes(): Buffer {
    if (!this.changed) {
      return Buffer.from(this.raw ?? new Uint8Array());
    }
    return Object.keys(this.entries).length === 0 ? Buffer.alloc(0) : Buffer.from(JSON.stringify(this.entries));
  }
}
