// Output for people (aligned tables, key: value records) and machines (--json), and the
// one place errors are printed. Secrets are printed only by the commands that create
// them; errors pass through redact() so a credential can never appear in one.
import { WardenApiError, redact } from '../sdk/errors.ts';
import { exitCodeFor } from './exit-codes.ts';

export { EXIT, UsageError, exitCodeFor } from './exit-codes.ts';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

const cell = (value: unknown): string =>
  value === null || value === undefined || value === ''
    ? '-'
    : Array.isArray(value)
      ? value.join(',') || '-'
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

/** A table with upper-case headers; `(none)` for an empty list. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd() + '\n';
  process.stdout.write(line(columns.map((c) => c.toUpperCase())));
  for (const row of rows) {
    process.stdout.write(line(columns.map((c) => cell(row[c]))));
  }
}

/** One object as aligned `key: value` lines (nested objects as compact JSON). */
export function printRecord(record: Record<string, unknown>, keys: string[] = Object.keys(record)): void {
  const width = Math.max(...keys.map((k) => k.length));
  for (const key of keys) {
    process.stdout.write(`${(key + ':').padEnd(width + 1)} ${cell(record[key])}\n`);
  }
}

// What to do next, by problem code: the server's detail says what is wrong, this says how to fix it.
const HINTS: Record<string, string> = {
  unauthenticated: 'the key is unknown, expired or revoked, or its service account is disabled; set WARDEN_API_KEY to a valid key',
  malformed_api_key: 'check WARDEN_API_KEY (or --api-key): copy the whole key, without quotes or spaces',
  forbidden: "the key's roles lack this permission; `warden whoami` lists them, an admin can grant more",
  privilege_escalation: 'only a principal holding every permission involved (admin for management permissions) can do this',
  target_more_privileged: 'the target holds permissions your key lacks; use a key that holds all of them (an admin key for an admin)',
  last_admin: 'grant admin to another service account and issue it a key first; if already locked out, run `warden recover` on the storage',
  weak_key_material: 'generate key material with generateToken() (or omit it and let the server generate the key)',
  version_conflict: 'it changed since you read it; read it again and retry',
  name_taken: 'choose another name, or use the existing one',
  role_in_use: 'remove its assignments first (`warden assignments list --role NAME`)',
  unknown_permission: '`warden permissions list` shows the catalog',
  unknown_role: '`warden roles list` shows the roles',
  organization_not_shared: 'service accounts exist only in shared organizations',
  key_limit_reached: 'revoke unused keys first (`warden keys list --service-account ACCOUNT`)',
  rate_limited: 'the server is busy; retry later',
  unavailable: 'the server is busy; retry later',
};

export function reportError(error: unknown, json = false): number {
  const code = exitCodeFor(error);
  if (json) {
    const body =
      error instanceof WardenApiError
        ? {
            status: error.status,
            code: error.code,
            title: error.title,
            detail: error.detail,
            errors: error.fieldErrors,
            request_id: error.requestId,
            message: error.message,
          }
        : { code: code === 2 ? 'usage' : 'error', message: redact((error as Error).message ?? String(error)) };
    process.stderr.write(JSON.stringify({ error: body }) + '\n');
    return code;
  }
  if (error instanceof WardenApiError) {
    const where = error.status ? `HTTP ${error.status} ${error.code}` : error.code;
    const text = error.detail ?? error.title ?? error.message;
    process.stderr.write(`error: ${text} (${where})\n`);
    for (const fieldError of error.fieldErrors.filter((e) => !text.includes(e.field))) {
      process.stderr.write(`  ${fieldError.field}: ${fieldError.message}\n`);
    }
    const hint = HINTS[error.code];
    if (hint) {
      process.stderr.write(`hint: ${hint}\n`);
    }
    if (error.requestId) {
      process.stderr.write(`request id: ${error.requestId}\n`);
    }
  } else {
    process.stderr.write(`error: ${redact((error as Error).message ?? String(error))}\n`);
  }
  return code;
}
