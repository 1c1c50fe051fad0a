// Lays the provider out in a Terraform filesystem mirror and writes a CLI config that
// installs from it — the way tests, examples and `npm start` install an unpublished
// provider (`dev_overrides` alone breaks `terraform init`, which cdktf always runs).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  /** Environment for terraform / cdktf: the CLI config and no phoning home. */
  env: Record<string, string>;
}

export function writeMirror(options: MirrorOptions): Mirror {
  const namespace = options.namespace ?? 'wardenhq';
  const type = options.type ?? 'warden';
  const version = options.version ?? '0.1.0';
  const mirrorPath = join(options.directory, 'mirror');
  const platformDir = join(mirrorPath, 'registry.terraform.io', namespace, type, version, 'linux_amd64');
  mkdirSync(platformDir, { recursive: true });
  const executable = join(platformDir, `terraform-provider-${type}_v${version}`);
  // A shim rather than a copy: the bundle stays where it was built, with its .proto files.
  writeFileSync(executable, `#!/bin/sh\nexec "${process.execPath}" "${options.bundle}" "$@"\n`);
  chmodSync(executable, 0o755);
  const cliConfigFile = join(options.directory, 'terraform.rc');
  writeFileSync(
    cliConfigFile,
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirrorPath}"\n    include = ["registry.terraform.io/${namespace}/${type}"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/${namespace}/${type}"]\n  }\n}\n`,
  );
  return {
    mirrorPath,
    cliConfigFile,
    env: { TF_CLI_CONFIG_FILE: cliConfigFile, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
  };
}
