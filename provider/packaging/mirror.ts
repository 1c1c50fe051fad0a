// Installs a bundled provider into a Terraform filesystem mirror and writes a CLI config
// that installs it from there — how tests, examples and CI use an unpublished provider
// (`dev_overrides` alone breaks `terraform init`, which cdktf always runs).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface ProviderAddress {
  /** Default registry.terraform.io. */
  hostname?: string;
  namespace: string;
  type: string;
  version: string;
}

export interface InstallOptions extends ProviderAddress {
  /** The mirror's root directory. */
  mirror: string;
  /** The bundle the executable starts (absolute or relative to cwd). */
  bundle: string;
  /** Default: this machine's, e.g. linux_amd64. */
  platform?: string;
  /** Node binary the shim runs (default: the one running now). */
  node?: string;
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

export function hostPlatform(): string {
  return `${process.platform}_${GO_ARCH[process.arch] ?? process.arch}`;
}

export const providerSource = (address: ProviderAddress) => `${address.hostname ?? 'registry.terraform.io'}/${address.namespace}/${address.type}`;

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Lays out <mirror>/<host>/<ns>/<type>/<version>/<platform>/terraform-provider-<type>_v<version>
 * as a shell shim that execs node on the bundle. A shim rather than a copy: the bundle
 * stays where it was built. Returns the executable's path.
 */
export function installInMirror(options: InstallOptions): string {
  const directory = join(resolve(options.mirror), providerSource(options), options.version, options.platform ?? hostPlatform());
  mkdirSync(directory, { recursive: true });
  const executable = join(directory, `terraform-provider-${options.type}_v${options.version}`);
  writeFileSync(executable, `#!/bin/sh\nexec ${shellQuote(options.node ?? process.execPath)} ${shellQuote(resolve(options.bundle))} "$@"\n`);
  chmodSync(executable, 0o755);
  return executable;
}

export interface CliConfigOptions {
  /** Where to write the CLI configuration file. */
  file: string;
  mirror: string;
  /** Providers served from the mirror; every other provider comes from its registry. */
  providers: ProviderAddress[];
}

export interface TerraformEnv {
  TF_CLI_CONFIG_FILE: string;
  CHECKPOINT_DISABLE: string;
  TF_IN_AUTOMATION: string;
  [name: string]: string;
}

/** Writes the CLI config; returns the environment to run terraform (or cdktf) with. */
export function writeCliConfig(options: CliConfigOptions): TerraformEnv {
  const sources = JSON.stringify(options.providers.map(providerSource));
  const file = resolve(options.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(resolve(options.mirror))}`,
      `    include = ${sources}`,
      '  }',
      '  direct {',
      `    exclude = ${sources}`,
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return { TF_CLI_CONFIG_FILE: file, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
}

// ---- Warden's defaults, kept for scripts/ -----------------------------------------

export interface MirrorOptions {
  /** Where the mirror and CLI config go. */
  directory: string;
  bundle: string;
  namespace?: string;
  type?: string;
  version?: string;
}

export interface Mirror {
  mirrorPath: string;
  cliConfigFile: string;
  env: Record<string, string>;
}

/** A mirror at <directory>/mirror and a CLI config at <directory>/terraform.rc. */
export function writeMirror(options: MirrorOptions): Mirror {
  const address = { namespace: options.namespace ?? 'wardenhq', type: options.type ?? 'warden', version: options.version ?? '0.1.0' };
  const mirrorPath = join(options.directory, 'mirror');
  installInMirror({ ...address, mirror: mirrorPath, bundle: options.bundle });
  const env = writeCliConfig({ file: join(options.directory, 'terraform.rc'), mirror: mirrorPath, providers: [address] });
  return { mirrorPath, cliConfigFile: env.TF_CLI_CONFIG_FILE, env };
}
