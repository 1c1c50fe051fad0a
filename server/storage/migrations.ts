// Numbered schema migrations, one list per dialect, applied in order at start-up inside
// one transaction each; the `migrations` table records what already ran. The PostgreSQL
// list is derived from the SQLite one: the schema is the same, only column types differ.
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE organizations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('personal', 'shared')),
    created_at TEXT NOT NULL
  );
  CREATE TABLE principals (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    type TEXT NOT NULL CHECK (type IN ('service_account', 'user')),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
  );
  CREATE UNIQUE INDEX principals_live_name ON principals (org_id, name) WHERE deleted_at IS NULL;
  CREATE TABLE roles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    permissions TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, name)
  );
  CREATE TABLE role_assignments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    principal_id TEXT NOT NULL REFERENCES principals(id),
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (principal_id, role)
  );
  CREATE TABLE api_keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    principal_id TEXT NOT NULL REFERENCES principals(id),
    label TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX api_keys_principal ON api_keys (principal_id);
  CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    principal_id TEXT NOT NULL,
    principal_type TEXT NOT NULL,
    principal_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    target_name TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_events_org ON audit_events (org_id, seq);
  CREATE TABLE idempotency_keys (
    principal_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (principal_id, operation, key)
  );
  `,
  // Authentication finds candidate keys by their public prefix, then compares hashes in constant time.
  `CREATE INDEX api_keys_prefix ON api_keys (prefix);`,
  // Idempotent replays return a created secret from storage, sealed under the
  // Idempotency-Key, so the key itself is kept only as a hash. Records written before
  // hold raw keys that no hashed lookup can match; they are dropped rather than kept.
  `
  DELETE FROM idempotency_keys;
  ALTER TABLE idempotency_keys RENAME COLUMN key TO key_hash;
  ALTER TABLE idempotency_keys ADD COLUMN sealed_secret TEXT;
  ALTER TABLE idempotency_keys ADD COLUMN sealed_until TEXT;
  CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
  CREATE INDEX idempotency_keys_sealed ON idempotency_keys (sealed_until) WHERE sealed_until IS NOT NULL;
  `,
  // Bumped in the same transaction as every write that can change who a key authenticates
  // as or what it may do; servers compare it on each request to keep cached lookups exact.
  `ALTER TABLE organizations ADD COLUMN auth_version INTEGER NOT NULL DEFAULT 0;`,
];

export const POSTGRES_MIGRATIONS: readonly string[] = SQLITE_MIGRATIONS.map((sql) =>
  sql.replace(/seq INTEGER PRIMARY KEY AUTOINCREMENT/g, 'seq BIGSERIAL PRIMARY KEY'),
);
