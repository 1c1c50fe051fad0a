// Runs `terraform show -json` for the review tools, honouring TERRAFORM_BINARY_NAME (so
// OpenTofu works too). Binary plans and working directories can only be read this way.
import { spawnSync } from 'node:child_process';
import { InputError } from './errors.ts';
import { scrub } from './safe-values.ts';

export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.TERRAFORM_BINARY_NAME?.trim() || 'terraform';
}

/** `terraform show -json [file]` in `cwd`; its stdout parsed. */
export function terraformShowJson(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const binary = terraformBinary(env);
  const shown = spawnSync(binary, ['show', '-json', ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (shown.error) {
    throw new InputError(`cannot run "${binary} show -json" (set TERRAFORM_BINARY_NAME to the terraform or tofu binary): ${shown.error.message}`);
  }
  if (shown.status !== 0) {
    // Terraform's own message may quote configuration; scrubbed like every other output.
    const why = scrub(shown.stderr.trim().split('\n').slice(0, 6).join(' ')) || `exit code ${shown.status}`;
    throw new InputError(
      `"${binary} show -json ${args.join(' ')}" failed in ${cwd} (run it from the Terraform working directory the plan was made in): ${why}`,
    );
  }
  try {
    return JSON.parse(shown.stdout);
  } catch (error) {
    throw new InputError(`"${binary} show -json" printed something that is not JSON: ${(error as Error).message}`);
  }
}
