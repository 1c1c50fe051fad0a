// PostgreSQL storage, for running several server replicas against one database. Same
// repositories as SQLite (sql-repositories.ts); transactions are SERIALIZABLE and retried
// on serialization failures, so invariants such as the 50-key limit hold across replicas.
// Writers that are known to contend (creates on one account) queue on an advisory lock
// instead of failing each other's commits; what still cannot commit answers "busy".
import { createHash } from 'node:crypto';
import pg from 'pg';
import { RepositoryFacade } from './facade.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { sqlRepositories, type Row, type SqlExecutor } from './sql-repositories.ts';
import { StorageBusyError, type Repositories, type Storage, type TransactionOptions } from './types.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;
/** serialization_failure, deadlock_detected: the transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
/** lock_not_available: a lock wait reached lock_timeout. */
const LOCK_TIMEOUT = '55P03';
const MAX_ATTEMPTS = 8;
/** How long a transaction may wait for a lock before the request answers 503 (`?lock_timeout=MS` in the URL overrides it). */
const LOCK_TIMEOUT_MS = 10_000;
const MIGRATION_LOCK = 727_001;

/** A 64-bit advisory-lock key for a name; a different namespace from MIGRATION_LOCK. */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(`warden:serialize:${name}`).digest().readBigInt64BE(0).toString();
}

/** `@name` parameters → `$n`, the same name reusing the same position. */
function bind(sql: string, params: Row = {}): { text: string; values: unknown[] } {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(/@([a-zA-Z_][a-zA-Z0-9_]*)/g, (_m, name: string) => {
    if (!positions.has(name)) {
      values.push(params[name] ?? null);
      positions.set(name, values.length);
    }
    return `$${positions.get(name)}`;
  });
  return { text, values };
}

function executor(db: Queryable): SqlExecutor {
  const query = async (sql: string, params?: Row) => {
    const { text, values } = bind(sql, params);
    return db.query(text, values);
  };
  return {
    all: async (sql, params) => (await query(sql, params)).rows as Row[],
    one: async (sql, params) => (await query(sql, params)).rows[0] as Row | undefined,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
  };
}

export class PostgresStorage extends RepositoryFacade implements Storage {
  readonly kind = 'postgres' as const;
  protected readonly repositories: Repositories;

  private constructor(private readonly pool: pg.Pool) {
    super();
    this.repositories = sqlRepositories(executor(pool));
  }

  static async connect(url: string): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: 10, lock_timeout: LOCK_TIMEOUT_MS });
    const storage = new PostgresStorage(pool);
    await storage.migrate();
    return storage;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Replicas starting together must not migrate twice.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const done = new Set((await client.query('SELECT version FROM migrations')).rows.map((r) => Number(r.version)));
      for (const [index, sql] of POSTGRES_MIGRATIONS.entries()) {
        if (!done.has(index + 1)) {
          await client.query('BEGIN');
          await client.query(sql);
          await client.query('INSERT INTO migrations (version, applied_at) VALUES ($1, $2)', [index + 1, new Date().toISOString()]);
          await client.query('COMMIT');
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async transaction<T>(fn: (tx: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      const lock = options.serializeOn === undefined ? undefined : advisoryKey(options.serializeOn);
      try {
        // Taken before BEGIN on purpose: a SERIALIZABLE transaction's snapshot is fixed by
        // its first statement, so a lock taken inside it would leave the snapshot older
        // than the writer it waited for, and the commit would fail anyway.
        if (lock !== undefined) {
          await client.query('SELECT pg_advisory_lock($1)', [lock]);
        }
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const value = await fn(sqlRepositories(executor(client)));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code ?? '';
        if (RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
          continue;
        }
        if (RETRYABLE.has(code) || code === LOCK_TIMEOUT) {
          throw new StorageBusyError(code === LOCK_TIMEOUT ? 'A lock was not granted in time.' : `Conflicting writes after ${MAX_ATTEMPTS} attempts.`);
        }
        throw error;
      } finally {
        if (lock !== undefined) {
          // A session lock outlives the transaction; a connection that cannot release it
          // is destroyed, which releases it on the server.
          await client.query('SELECT pg_advisory_unlock($1)', [lock]).catch((error: Error) => {
            broken = error;
          });
        }
        client.release(broken);
      }
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
