// Installs a bundled provider into a Terraform filesystem mirror and writes a CLI config
// that installs it from there — how tests, examples and CI use an unpublished provider
// (`dev_overrides` alone breaks `terraform init`, which cdktf always runs).
import { chmodSync, copyFileSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { WARDEN_VERSION } from '../../sdk/generated/version.ts';

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
  /** A self-contained executable (e.g. the single-executable provider) to place in the mirror. */
  executable?: string;
  /** Or a bundle that a shell shim starts with node (toy providers in tests). */
  bundle?: string;
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
 * Lays out <mirror>/<host>/<ns>/<type>/<version>/<platform>/terraform-provider-<type>_v<version>:
 * the executable itself (hard-linked when it can be, as every test workspace gets a mirror),
 * or a shell shim that execs node on a bundle. Returns the executable's path.
 */
export function installInMirror(options: InstallOptions): string {
  const platform = options.platform ?? hostPlatform();
  const directory = join(resolve(options.mirror), providerSource(options), options.version, platform);
  mkdirSync(directory, { recursive: true });
  const executable = join(directory, `terraform-provider-${options.type}_v${options.version}${platform.startsWith('windows_') ? '.exe' : ''}`);
  rmSync(executable, { force: true });
  if (options.executable) {
    try {
      linkSync(resolve(options.executable), executable);
    } catch {
      copyFileSync(resolve(options.executable), executable);
    }
  } else if (options.bundle) {
    writeFileSync(executable, `#!/bin/sh\nexec ${shellQuote(options.node ?? process.execPath)} ${shellQuote(resolve(options.bundle))} "$@"\n`);
  } else {
    throw new Error('installInMirror needs an executable or a bundle');
  }
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
  /** The single-executable provider. */
  executable: string;
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
  const address = { namespace: options.namespace ?? 'wardenhq', type: options.type ?? 'warden', version: options.version ?? WARDEN_VERSION };
  const mirrorPath = join(options.directory, 'mirror');
  installInMirror({ ...address, mirror: mirrorPath, executable: options.executable });
  const env = writeCliConfig({ file: join(options.directory, 'terraform.rc'), mirror: mirrorPath, providers: [address] });
  return { mirrorPath, cliConfigFile: env.TF_CLI_CONFIG_FILE, env };
}
