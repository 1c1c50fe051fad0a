// Chooses the storage implementation from a URL: `sqlite:/path/warden.db` (default,
// under the data dir) or `postgres://…`.
import { join, resolve } from 'node:path';
import { SqliteStorage } from './sqlite.ts';
import type { Storage } from './types.ts';

export interface StorageLocation {
  dataDir?: string;
  database?: string;
}

export function describeLocation({ dataDir, database }: StorageLocation): string {
  return database ?? `sqlite:${join(resolve(dataDir ?? '.warden'), 'warden.db')}`;
}

export async function openStorage(location: StorageLocation): Promise<Storage> {
  const url = describeLocation(location);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { PostgresStorage } = await import('./postgres.ts');
    return PostgresStorage.connect(url);
  }
  if (url.startsWith('sqlite:')) {
    return new SqliteStorage(url.slice('sqlite:'.length));
  }
  throw new Error(`--database must be sqlite:/path/to/warden.db or postgres://user@host:port/db, not "${url.split(':')[0]}:…"`);
}
