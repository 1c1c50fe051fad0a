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
