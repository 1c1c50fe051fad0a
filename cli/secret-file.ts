// Writes a secret to a file only its owner can read (0600). The file must not exist yet:
// a key is shown once, so overwriting a file could destroy the only copy of another key.
// Callers check first (checkSecretFile) and only then create the secret on the server.
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './exit-codes.ts';

export function checkSecretFile(option: string, file: string): void {
  const path = resolve(file);
  if (existsSync(path)) {
    throw new UsageError(`${option} ${file} already exists; choose a new path (warden never overwrites a file that may hold a key)`);
  }
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${option} ${file}: the directory ${dir} does not exist; create it first`);
  }
}

export function writeSecretFile(file: string, secret: string): void {
  // `wx`: fail rather than follow a file (or symlink) that appeared since the check.
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  // The mode above is filtered by the umask; make sure it is exactly 0600.
  chmodSync(file, 0o600);
}
