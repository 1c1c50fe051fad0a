// `npm run check:reproducible`: builds the release in two fresh clones of this repository at
// different paths and compares their SHA256SUMS (and every zip). Prints the time it took.
// The clones share this checkout's node_modules (copied; the workspace links are relative)
// and the Node binaries fetched for single executables, so the comparison is about the build
// and not about what the registry served. Exit 0 when identical, 1 otherwise.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCache } from '../provider/packaging/executable.ts';
import { sha256 } from '../provider/packaging/release-files.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const parent = mkdtempSync(join(tmpdir(), 'warden-repro-'));
const clones = [join(parent, 'first'), join(parent, 'second', 'deeper', 'path')];
const results: Record<string, string>[] = [];
try {
  // Both clones at the same commit, made before either build (HEAD may move meanwhile).
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  for (const clone of clones) {
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { stdio: 'inherit' });
    execFileSync('git', ['checkout', '--quiet', commit], { cwd: clone, stdio: 'inherit' });
    cpSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  process.stderr.write(`commit ${commit}\n`);
  for (const clone of clones) {
    process.stderr.write(`release in ${clone} …\n`);
    execFileSync('npm', ['run', 'release', '--silent'], { cwd: clone, stdio: 'inherit', env: { ...process.env, WARDEN_NODE_CACHE: nodeCache(ROOT) } });
    const dir = join(clone, 'dist/release');
    results.push(
      Object.fromEntries(
        readdirSync(dir)
          .filter((f) => !f.startsWith('mirror'))
          .sort()
          .map((f) => [f, sha256(readFileSync(join(dir, f)))]),
      ),
    );
  }
  const [a, b] = results as [Record<string, string>, Record<string, string>];
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differing = names.filter((name) => a[name] !== b[name]);
  for (const name of names) {
    process.stdout.write(`${a[name] === b[name] ? 'same     ' : 'DIFFERENT'}  ${name}\n`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    `${differing.length === 0 ? 'reproducible' : `NOT reproducible (${differing.length} files differ)`}: two clones at different paths, ${seconds} s\n`,
  );
  process.exitCode = differing.length === 0 ? 0 : 1;
} finally {
  rmSync(parent, { recursive: true, force: true });
}
