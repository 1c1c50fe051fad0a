// Cursor paging: every list answers `{ items, next_cursor }`; iterate() follows the
// cursor lazily so `for await` over a large organization never loads it all at once.

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** Yields every item of every page, asking for the next page only when needed. */
export async function* pages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

/** Drains an async iterable (e.g. `client.keys.iterate()`) into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
  }
  return out;
}

/** How many ids one `ids=` filter may carry (the contract's limit). */
export const IDS_PER_REQUEST = 100;

/** Looks up many ids through an `ids` filter, IDS_PER_REQUEST at a time; missing ids are left out. */
export async function byIds<T>(ids: readonly string[], lookup: (chunk: string[]) => AsyncIterable<T>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
    out.push(...(await collect(lookup(unique.slice(start, start + IDS_PER_REQUEST)))));
  }
  return out;
}
