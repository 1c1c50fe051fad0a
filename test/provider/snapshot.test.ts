// The bulk-refresh snapshot on its own: one shared fetch for concurrent first reads, a
// GET for objects this process changed, a GET confirming an id missing from the list,
// a fresh list once the snapshot is old, and per-object GETs when the list fails.
import { describe, expect, it } from 'vitest';
import { Snapshot, once } from '../../provider/snapshot.ts';

interface Item {
  id: string;
  v: number;
}

function source(items: Map<string, Item>) {
  const calls = { all: 0, one: [] as string[] };
  return {
    calls,
    source: {
      fetchAll: async () => {
        calls.all++;
        await new Promise((r) => setTimeout(r, 5));
        return [...items.values()].map((i) => ({ ...i }));
      },
      fetchOne: async (id: string) => {
        calls.one.push(id);
        const found = items.get(id);
        return found && { ...found };
      },
      idOf: (item: Item) => item.id,
    },
  };
}

describe('Snapshot', () => {
  it('shares one list between concurrent first reads and answers later reads from it', async () => {
    const items = new Map([
      ['a', { id: 'a', v: 1 }],
      ['b', { id: 'b', v: 1 }],
    ]);
    const { calls, source: s } = source(items);
    const snapshot = new Snapshot(s);
    const results = await Promise.all([snapshot.get('a'), snapshot.get('b'), snapshot.get('a')]);
    expect(results.map((r) => r?.id)).toEqual(['a', 'b', 'a']);
    expect(await snapshot.get('b')).toEqual({ id: 'b', v: 1 });
    expect(calls).toEqual({ all: 1, one: [] });
  });

  it('confirms a missing id with one GET: found objects are returned, gone ones are undefined', async () => {
    const items = new Map([['a', { id: 'a', v: 1 }]]);
    const { calls, source: s } = source(items);
    const snapshot = new Snapshot(s);
    await snapshot.get('a');
    items.set('late', { id: 'late', v: 1 });
    expect(await snapshot.get('late')).toEqual({ id: 'late', v: 1 });
    expect(await snapshot.get('gone')).toBeUndefined();
    expect(calls.one).toEqual(['late', 'gone']);
  });

  it('reads objects this process changed directly', async () => {
    const items = new Map([['a', { id: 'a', v: 1 }]]);
    const { calls, source: s } = source(items);
    const snapshot = new Snapshot(s);
    await snapshot.get('a');
    items.set('a', { id: 'a', v: 2 });
    snapshot.markChanged('a');
    expect(await snapshot.get('a')).toEqual({ id: 'a', v: 2 });
    expect(calls.one).toEqual(['a']);
  });

  it('lists again once the snapshot is older than maxAgeMs', async () => {
    let now = 0;
    const items = new Map([['a', { id: 'a', v: 1 }]]);
    const { calls, source: s } = source(items);
    const snapshot = new Snapshot(s, { maxAgeMs: 60_000, now: () => now });
    await snapshot.get('a');
    items.set('a', { id: 'a', v: 2 });
    now = 30_000;
    expect((await snapshot.get('a'))?.v).toBe(1);
    now = 61_000;
    expect((await snapshot.get('a'))?.v).toBe(2);
    expect(calls.all).toBe(2);
  });

  it('falls back to one GET per object when the list fails', async () => {
    const items = new Map([['a', { id: 'a', v: 1 }]]);
    const { calls, source: s } = source(items);
    const snapshot = new Snapshot({ ...s, fetchAll: async () => Promise.reject(new Error('400 limit too large')) });
    expect(await snapshot.get('a')).toEqual({ id: 'a', v: 1 });
    expect(await snapshot.get('a')).toEqual({ id: 'a', v: 1 });
    expect(calls.one).toEqual(['a', 'a']);
  });
});

describe('once', () => {
  it('loads once, and again after a failure', async () => {
    let loads = 0;
    const fail = { now: true };
    const get = once(async () => {
      loads++;
      if (fail.now) {
        throw new Error('down');
      }
      return loads;
    });
    await expect(get()).rejects.toThrow('down');
    fail.now = false;
    expect(await Promise.all([get(), get()])).toEqual([2, 2]);
    expect(loads).toBe(2);
  });
});
