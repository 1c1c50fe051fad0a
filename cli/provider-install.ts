// Lays a provider release zip out as a Terraform filesystem mirror: checked against the
// release's SHA256SUMS when it is beside the zip, unpacked into
// <dir>/registry.terraform.io/wardenhq/warden/<version>/<platform>/, and, for a directory other
// than Terraform's implied mirror (~/.terraform.d/plugins), with a CLI config that names it.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { hostPlatform, writeCliConfig } from '../provider/packaging/mirror.ts';
import { PROVIDER_NAMESPACE, PROVIDER_TYPE, parseSha256Sums, parseZipName, sha256, sumsName, unzipFiles } from '../provider/packaging/release-files.ts';
import { UsageError } from './exit-codes.ts';

/** Terraform looks here without any CLI configuration. */
export const implicitMirror = () => join(homedir(), '.terraform.d', 'plugins');

export interface InstallResult {
  version: string;
  platform: string;
  executable: string;
  mirror: string;
  /** Written unless the mirror is Terraform's implied one. */
  cliConfigFile?: string;
  /** Whether SHA256SUMS was found and matched. */
  verified: boolean;
}

/** The zip to install: the given file, or this platform's zip in the given release directory. */
export function findZip(from: string): string {
  const path = resolve(from);
  if (!existsSync(path)) {
    throw new UsageError(
      `--from ${from}: no such file or directory; pass a terraform-provider-warden_<version>_<os>_<arch>.zip or the directory npm run release wrote (dist/release)`,
    );
  }
  if (!statSync(path).isDirectory()) {
    return path;
  }
  const platform = hostPlatform();
  const zips = readdirSync(path)
    .filter((name) => parseZipName(name)?.platform === platform)
    .sort();
  if (zips.length === 0) {
    throw new UsageError(`--from ${from}: no terraform-provider-warden_*_${platform}.zip in this directory`);
  }
  return join(path, zips[zips.length - 1]!);
}

export function installProvider(options: { from: string; dir?: string }): InstallResult {
  const zipPath = findZip(options.from);
  const parsed = parseZipName(basename(zipPath));
  if (!parsed) {
    throw new UsageError(`${basename(zipPath)} is not named like a provider release (terraform-provider-warden_<version>_<os>_<arch>.zip)`);
  }
  const zip = readFileSync(zipPath);
  const sumsFile = join(dirname(zipPath), sumsName(parsed.version));
  let verified = false;
  if (existsSync(sumsFile)) {
    const expected = parseSha256Sums(readFileSync(sumsFile, 'utf8')).get(basename(zipPath));
    if (!expected) {
      throw new Error(`${sumsFile} has no line for ${basename(zipPath)}; refusing to install an unlisted archive`);
    }
    if (expected !== sha256(zip)) {
      throw new Error(`${basename(zipPath)} does not match its SHA-256 in ${basename(sumsFile)}; download it again`);
    }
    verified = true;
  }
  const files = unzipFiles(zip);
  const names = Object.keys(files);
  const expectedName = `terraform-provider-${PROVIDER_TYPE}_v${parsed.version}${parsed.platform.startsWith('windows_') ? '.exe' : ''}`;
  if (names.length !== 1 || names[0] !== expectedName) {
    throw new Error(`${basename(zipPath)} should hold exactly ${expectedName}; it holds ${names.join(', ') || 'nothing'}`);
  }
  const mirror = resolve(options.dir ?? implicitMirror());
  const directory = join(mirror, 'registry.terraform.io', PROVIDER_NAMESPACE, PROVIDER_TYPE, parsed.version, parsed.platform);
  mkdirSync(directory, { recursive: true });
  const executable = join(directory, expectedName);
  writeFileSync(executable, files[expectedName]!);
  chmodSync(executable, 0o755);
  let cliConfigFile: string | undefined;
  if (mirror !== resolve(implicitMirror())) {
    cliConfigFile = writeCliConfig({
      file: join(mirror, 'terraform.rc'),
      mirror,
      providers: [{ namespace: PROVIDER_NAMESPACE, type: PROVIDER_TYPE, version: parsed.version }],
    }).TF_CLI_CONFIG_FILE;
  }
  return { ...parsed, executable, mirror, cliConfigFile, verified };
}
