// PostgreSQL storage, for running several server replicas against one database. Same
// repositories as SQLite (sql-repositories.ts); transactions are SERIALIZABLE and retried
// on serialization failures, so invariants such as the 50-key limit hold across replicas.
import pg from 'pg';
import { RepositoryFacade } from './facade.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { sqlRepositories, type Row, type SqlExecutor } from './sql-repositories.ts';
import type { Repositories, Storage } from './types.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;
const RETRYABLE = new Set(['40001', '40P01']);
const MIGRATION_LOCK = 727_001;

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
    const pool = new pg.Pool({ connectionString: url, max: 10 });
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

  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const value = await fn(sqlRepositories(executor(client)));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (RETRYABLE.has((error as { code?: string }).code ?? '') && attempt < 8) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
          continue;
        }
        throw error;
      } finally {
        client.release();
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
