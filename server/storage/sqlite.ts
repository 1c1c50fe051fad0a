// SQLite storage (better-sqlite3): one file, WAL, foreign keys. better-sqlite3 is
// synchronous, so transactions are serialized by a promise queue: a transaction's async
// body never interleaves with another's statements.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RepositoryFacade } from './facade.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import { sqlRepositories, type Row, type SqlExecutor } from './sql-repositories.ts';
import type { Repositories, Storage, TransactionOptions } from './types.ts';
import { WalCommitWatch } from './wal-commit-watch.ts';

/** Organizations whose auth_version is remembered between commits; more start over. */
const REMEMBERED_AUTH_VERSIONS = 10_000;

export class SqliteStorage extends RepositoryFacade implements Storage {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  protected readonly repositories: Repositories;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly commits: WalCommitWatch | undefined;

  constructor(file: string) {
    super();
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    // Erased values (sealed secrets past their window) are overwritten, not left in free pages.
    this.db.pragma('secure_delete = ON');
    this.migrate();
    // Preparing is a large share of a small query's cost; statements are few, so keep them.
    const prepared = new Map<string, Database.Statement>();
    const statement = (sql: string) => {
      let found = prepared.get(sql);
      if (!found) {
        found = this.db.prepare(sql);
        prepared.set(sql, found);
      }
      return found;
    };
    const executor: SqlExecutor = {
      all: async (sql, params = {}) => statement(sql).all(params) as Row[],
      one: async (sql, params = {}) => statement(sql).get(params) as Row | undefined,
      run: async (sql, params = {}) => statement(sql).run(params).changes,
    };
    const repositories = sqlRepositories(executor);
    this.commits = file === ':memory:' ? undefined : new WalCommitWatch(`${file}-shm`);
    this.repositories = { ...repositories, orgs: { ...repositories.orgs, authVersion: this.rememberedAuthVersion(repositories.orgs.authVersion) } };
  }

  /**
   * Every authenticated request reads its organization's auth_version (auth-cache.ts). The
   * value only changes by a commit, so it is read again only after one, from this process
   * or any other; otherwise the last value read is still the stored one. Whether anything
   * committed is asked once per event-loop turn for all requests (WalCommitWatch), and the
   * header is read before any version it vouches for, so a commit landing in between
   * changes it again and the next turn's answer is no.
   */
  private rememberedAuthVersion(read: Repositories['orgs']['authVersion']): Repositories['orgs']['authVersion'] {
    // auth_version by organization, as last read; valid until the next commit.
    const remembered = new Map<string, number>();
    return async (id) => {
      // Inside a transaction this connection sees its own uncommitted writes, which a
      // rollback may undo without any commit to say so: such a read is not remembered.
      if (!this.commits || this.db.inTransaction) {
        return read(id);
      }
      if (await this.commits.unchangedSoon()) {
        const known = remembered.get(id);
        if (known !== undefined) {
          return known;
        }
      } else {
        remembered.clear();
      }
      const rememberable = !this.db.inTransaction;
      const version = await read(id);
      if (rememberable && version !== undefined) {
        if (remembered.size >= REMEMBERED_AUTH_VERSIONS) {
          remembered.clear();
        }
        remembered.set(id, version);
      }
      return version;
    };
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((this.db.prepare('SELECT version FROM migrations').all() as Row[]).map((r) => r.version as number));
    SQLITE_MIGRATIONS.forEach((sql, index) => {
      const version = index + 1;
      if (!done.has(version)) {
        this.db.transaction(() => {
          this.db.exec(sql);
          this.db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
        })();
      }
    });
  }

  /** Every transaction already runs alone here, so `serializeOn` needs nothing more. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    const result = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(this.repositories);
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.queue;
    this.commits?.close();
    this.db.close();
  }
}
