// `npm run release`: writes to dist/release what a Terraform Registry release holds, plus the
// npm packages and a provider network mirror:
// - terraform-provider-warden_<v>_<os>_<arch>.zip for each platform (a single executable each),
// - terraform-provider-warden_<v>_SHA256SUMS and _manifest.json,
// - the three npm tarballs (npm pack),
// - mirror/registry.terraform.io/wardenhq/warden/{index.json,<v>.json} (network mirror protocol).
// Reproducible: no code cache in the blobs, zip entries dated SOURCE_DATE_EPOCH (default: the
// last commit's time), so two clones give byte-identical zips and sums.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProviderBundle, buildProviderExecutable, executableName } from '../provider/packaging/executable.ts';
import { TARGETS } from '../provider/packaging/node-dist.ts';
import {
  PROVIDER_NAMESPACE,
  PROVIDER_TYPE,
  h1Hash,
  manifest,
  manifestName,
  sha256Sums,
  sumsName,
  zhHash,
  zipExecutable,
  zipName,
} from '../provider/packaging/release-files.ts';
import { WARDEN_VERSION } from '../sdk/generated/version.ts';
import { buildAll } from './build.ts';
import { WORKSPACES } from './sync-version.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RELEASE_DIR = 'dist/release';

function sourceDate(): Date {
  const fromEnv = process.env.SOURCE_DATE_EPOCH;
  if (fromEnv && /^\d+$/.test(fromEnv)) {
    return new Date(Number(fromEnv) * 1000);
  }
  try {
    return new Date(Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' }).trim()) * 1000);
  } catch {
    return new Date(Date.UTC(2020, 0, 1));
  }
}

function step(message: string): void {
  process.stderr.write(`release: ${message}\n`);
}

export async function release(platforms = TARGETS.map((t) => t.platform)): Promise<string> {
  const version = WARDEN_VERSION;
  const out = resolve(ROOT, RELEASE_DIR);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const modified = sourceDate();

  await buildAll(['sdk', 'constructs', 'console', 'cli']);
  const bundle = await buildProviderBundle(ROOT);
  const published: Record<string, Uint8Array> = {};
  const archives: Record<string, { url: string; hashes: string[] }> = {};
  for (const platform of platforms) {
    step(`${platform}: single executable …`);
    const executable = await buildProviderExecutable({ root: ROOT, platform, bundle, outDir: join('dist/release-work', platform), useCodeCache: false });
    const name = executableName(platform, version);
    const contents = readFileSync(executable);
    const zip = zipExecutable(name, contents, modified);
    const file = zipName(version, platform);
    writeFileSync(join(out, file), zip);
    published[file] = zip;
    // Relative to <v>.json in mirror/<host>/<ns>/<type>/, so the zips are not stored twice.
    archives[platform] = { url: `../../../../${file}`, hashes: [h1Hash({ [name]: contents }), zhHash(zip)] };
    step(`${platform}: ${file} (${(zip.length / 1e6).toFixed(1)} MB)`);
  }
  rmSync(resolve(ROOT, 'dist/release-work'), { recursive: true, force: true });

  const manifestText = Buffer.from(manifest());
  writeFileSync(join(out, manifestName(version)), manifestText);
  published[manifestName(version)] = manifestText;
  writeFileSync(join(out, sumsName(version)), sha256Sums(published));

  const mirror = join(out, 'mirror', 'registry.terraform.io', PROVIDER_NAMESPACE, PROVIDER_TYPE);
  mkdirSync(mirror, { recursive: true });
  writeFileSync(join(mirror, 'index.json'), `${JSON.stringify({ versions: { [version]: {} } }, null, 2)}\n`);
  writeFileSync(join(mirror, `${version}.json`), `${JSON.stringify({ archives }, null, 2)}\n`);

  step('npm packages …');
  execFileSync('npm', ['pack', '--silent', '--pack-destination', out, ...WORKSPACES.flatMap((w) => ['--workspace', w])], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  step(`done: ${readdirSync(out).sort().join(', ')}`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const requested = process.argv.slice(2);
  await release(requested.length > 0 ? requested : undefined);
}
