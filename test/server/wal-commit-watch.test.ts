// The shared WAL-index check behind cached authentication: one read per event-loop turn for
// every caller of that turn, made after all of them asked, so that a commit it does not
// see ended after their requests arrived. A second connection plays the other process.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalCommitWatch } from '../../server/storage/wal-commit-watch.ts';

let dir: string;
let writer: Database.Database;
let watch: WalCommitWatch;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wal-watch-'));
  const file = join(dir, 'db.sqlite');
  writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE t (v INTEGER)');
  watch = new WalCommitWatch(`${file}-shm`);
});
afterEach(() => {
  watch.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

const commit = () => writer.prepare('INSERT INTO t (v) VALUES (1)').run();

describe('WalCommitWatch.unchangedSoon', () => {
  it('answers every caller of one turn from one read', async () => {
    const first = watch.unchangedSoon();
    expect(watch.unchangedSoon()).toBe(first);
    // The first look has nothing to compare with.
    expect(await first).toBe(false);
    expect(await watch.unchangedSoon()).toBe(true);
  });

  it('reads after its callers asked: a commit made after the question is seen', async () => {
    await watch.unchangedSoon();
    expect(await watch.unchangedSoon()).toBe(true);
    const asked = watch.unchangedSoon();
    // Committed after asking but in the same turn, as another process could; a read made
    // when asked would vouch for a state this commit has already replaced.
    commit();
    expect(await asked).toBe(false);
    expect(await watch.unchangedSoon()).toBe(true);
  });

  it('gives a caller after a read a read of its own', async () => {
    await watch.unchangedSoon();
    const before = watch.unchangedSoon();
    expect(await before).toBe(true);
    commit();
    const after = watch.unchangedSoon();
    expect(after).not.toBe(before);
    expect(await after).toBe(false);
  });

  it('answers false to a check still pending when it is closed', async () => {
    await watch.unchangedSoon();
    expect(await watch.unchangedSoon()).toBe(true);
    const pending = watch.unchangedSoon();
    watch.close();
    expect(await pending).toBe(false);
  });

  it('vouches for nothing without a shared-memory file', async () => {
    const missing = new WalCommitWatch(join(dir, 'absent.sqlite-shm'));
    expect(await missing.unchangedSoon()).toBe(false);
    expect(await missing.unchangedSoon()).toBe(false);
    missing.close();
  });
});
