// Runs the built CLI's `warden server` as a child process, so that it can be killed with
// SIGKILL like a crashed production server: start, wait for "listening on", kill.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI = resolve(ROOT, 'cli', 'bin', 'warden.js');

export interface Storage {
  /** `--data-dir DIR` or `--database URL`. */
  args: string[];
}

export function requireBuild(): void {
  for (const file of [CLI, resolve(ROOT, 'dist', 'terraform', 'terraform.rc')]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing; run npm run build first`);
    }
  }
}

/** `warden init`; returns the bootstrap admin key (written to a 0600 file, read back). */
export function initOrg(storage: Storage, keyFile: string): void {
  const result = spawnSync(process.execPath, [CLI, 'init', '--org', 'acme', ...storage.args, '--key-file', keyFile], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`warden init failed: ${result.stderr}`);
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
}

export function startServerProcess(storage: Storage, port: number, extra: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, 'server', ...storage.args, '--port', String(port), '--log-level', 'warn', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (\S+)/.exec(stdout);
      if (match) {
        resolvePromise({
          url: match[1]!,
          child,
          async kill() {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`warden server exited ${code} before listening: ${stderr}`)));
  });
}
