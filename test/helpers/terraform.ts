// Drives the real terraform binary against a provider installed from a filesystem
// mirror in a temp dir. Fails loudly when terraform is missing — never skips.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareProviderMirror } from '../../scripts/provider-mirror.ts';
import { runProcess, type ProcessResult } from './process.ts';

export function terraformBinary(): string {
  const binary = process.env.TERRAFORM_BINARY_NAME ?? 'terraform';
  const probe = spawnSync(binary, ['version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      `The end-to-end tests need the real "${binary}" binary on PATH (Terraform ≥ 1.11); it could not be run: ${probe.error?.message ?? probe.stderr}`,
    );
  }
  return binary;
}

export type RunResult = ProcessResult;

export class TerraformWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'warden-tf-'));
  env: NodeJS.ProcessEnv = {};

  static async create(endpoint: string, apiKey: string): Promise<TerraformWorkspace> {
    const workspace = new TerraformWorkspace();
    const mirror = await prepareProviderMirror(join(workspace.dir, '.mirror'));
    workspace.env = { ...process.env, ...mirror.env, WARDEN_ENDPOINT: endpoint, WARDEN_API_KEY: apiKey, WARDEN_ORG: 'acme', TF_LOG: '' };
    return workspace;
  }

  write(hcl: string, file = 'main.tf'): void {
    const header =
      file === 'main.tf'
        ? 'terraform {\n  required_providers {\n    warden = { source = "wardenhq/warden", version = "0.1.0" }\n  }\n}\nprovider "warden" {}\n'
        : '';
    writeFileSync(join(this.dir, file), header + hcl);
  }

  /** Runs terraform asynchronously: the server under test may live in this very process. */
  run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return runProcess(terraformBinary(), args, { cwd: this.dir, env: { ...this.env, ...extraEnv } });
  }

  async ok(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== 0) {
      throw new Error(`terraform ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  async state(): Promise<any> {
    return JSON.parse((await this.ok(['show', '-json'])).stdout);
  }

  async resource(address: string): Promise<Record<string, any>> {
    const state = await this.state();
    return state.values?.root_module?.resources?.find((r: { address: string }) => r.address === address)?.values;
  }
}
