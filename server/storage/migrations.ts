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
  // People (issue #12): users with a password and a personal organization, one membership
  // principal (type 'user') per organization they belong to, one-time invitations, browser
  // sessions, and sign-in failures counted per email hash (known or not, so a lockout does
  // not reveal whether an account exists). Tokens are stored only as SHA-256 hashes.
  `
  CREATE TABLE users (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    personal_org_id TEXT NOT NULL REFERENCES organizations(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  ALTER TABLE principals ADD COLUMN user_id TEXT REFERENCES users(id);
  CREATE UNIQUE INDEX principals_live_user ON principals (org_id, user_id) WHERE deleted_at IS NULL AND user_id IS NOT NULL;
  CREATE TABLE invitations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX invitations_org ON invitations (org_id, seq);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (user_id);
  CREATE TABLE sign_in_failures (
    email_hash TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    locked_until TEXT
  );
  CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failure_at);
  CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
  `,
  // Which client (terraform, cli, console, api — from the User-Agent or a browser session)
  // created and last changed each service account, key and custom role, so the console can
  // mark objects that Terraform manages.
  `
  ALTER TABLE principals ADD COLUMN created_by_client TEXT;
  ALTER TABLE principals ADD COLUMN changed_by_client TEXT;
  ALTER TABLE api_keys ADD COLUMN created_by_client TEXT;
  ALTER TABLE api_keys ADD COLUMN changed_by_client TEXT;
  ALTER TABLE roles ADD COLUMN created_by_client TEXT;
  ALTER TABLE roles ADD COLUMN changed_by_client TEXT;
  `,
];

export const POSTGRES_MIGRATIONS: readonly string[] = SQLITE_MIGRATIONS.map((sql) =>
  sql.replace(/seq INTEGER PRIMARY KEY AUTOINCREMENT/g, 'seq BIGSERIAL PRIMARY KEY'),
);
