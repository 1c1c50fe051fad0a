// Bulk refresh: a per-process snapshot of one object type of the organization, so a
// refresh of N resources costs a few list pages (up to 1,000 objects each) instead of N
// GETs. Rules that keep it exact:
// - the first lookup fetches the whole list; concurrent first lookups share that fetch;
// - objects this process created or changed bypass the snapshot (one GET each);
// - a snapshot older than maxAgeMs is fetched again;
// - an id missing from the snapshot is confirmed with one GET before it is called gone,
//   so an object created after the snapshot is never reported deleted;
// - when the list itself fails, the process falls back to one GET per object.

export interface SnapshotSource<T> {
  /** Every object of the type (all pages). */
  fetchAll(): Promise<T[]>;
  /** One object, or undefined when the server says it does not exist. */
  fetchOne(id: string): Promise<T | undefined>;
  idOf(item: T): string;
}

export interface SnapshotOptions {
  /** @default 60_000 */
  maxAgeMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export const SNAPSHOT_MAX_AGE_MS = 60_000;

export class Snapshot<T> {
  private loaded: { at: number; byId: Map<string, T> } | undefined;
  private loading: Promise<Map<string, T> | undefined> | undefined;
  private readonly changed = new Set<string>();
  private listUnavailable = false;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: SnapshotSource<T>,
    options: SnapshotOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? SNAPSHOT_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  /** This process created, changed or deleted the object: read it directly from now on. */
  markChanged(id: string): void {
    this.changed.add(id);
  }

  /** The object as the server has it, or undefined when it no longer exists. */
  async get(id: string): Promise<T | undefined> {
    if (this.changed.has(id)) {
      return this.source.fetchOne(id);
    }
    const byId = await this.current();
    return byId?.get(id) ?? this.source.fetchOne(id);
  }

  private async current(): Promise<Map<string, T> | undefined> {
    if (this.listUnavailable) {
      return undefined;
    }
    if (this.loaded && this.now() - this.loaded.at <= this.maxAgeMs) {
      return this.loaded.byId;
    }
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<Map<string, T> | undefined> {
    // Aged from when the fetch started: anything changed after that may be missing.
    const at = this.now();
    try {
      const byId = new Map((await this.source.fetchAll()).map((item) => [this.source.idOf(item), item]));
      this.loaded = { at, byId };
      return byId;
    } catch {
      // An older server or a narrower key may refuse the bulk list; per-object GETs still
      // give the right answer (and report real errors themselves).
      this.listUnavailable = true;
      return undefined;
    }
  }
}

/** Memoizes one lookup for the life of the process; a failure is not remembered. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
