// Reads a plan for review: `terraform show -json` output (a file or stdin), or a binary
// plan file, which is turned into JSON by running `terraform show -json` on it
// (TERRAFORM_BINARY_NAME selects OpenTofu).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface PlanJson {
  format_version?: string;
  timestamp?: string;
  resource_changes?: ResourceChange[];
  configuration?: { root_module?: { resources?: ConfigResource[] } };
  prior_state?: { values?: { root_module?: StateModule } };
}

export interface ResourceChange {
  address: string;
  type: string;
  name: string;
  index?: string | number;
  mode?: string;
  change: { actions: string[]; before: Record<string, any> | null; after: Record<string, any> | null; after_unknown?: Record<string, any> };
}

export interface ConfigResource {
  address: string;
  type: string;
  expressions?: Record<string, { references?: string[]; constant_value?: unknown }>;
}

export interface StateModule {
  resources?: { address: string; type: string; values: Record<string, any> }[];
  child_modules?: StateModule[];
}

export class InputError extends Error {}

export function readPlan(path: string): PlanJson {
  let raw: Buffer;
  try {
    raw = path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read the plan ${path}: ${(error as Error).message}`);
  }
  const text = raw.toString('utf8').trimStart();
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as PlanJson;
    } catch (error) {
      throw new InputError(`${path} looks like JSON but does not parse: ${(error as Error).message}`);
    }
  }
  // A binary plan (zip): let terraform render it, from the directory it was made in.
  const binary = process.env.TERRAFORM_BINARY_NAME ?? 'terraform';
  const shown = spawnSync(binary, ['show', '-json', resolve(path)], { cwd: dirname(resolve(path)), encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (shown.error || shown.status !== 0) {
    throw new InputError(`could not read ${path} with "${binary} show -json" (run it from the Terraform working directory, or pass the JSON): ${shown.error?.message ?? shown.stderr.trim()}`);
  }
  return JSON.parse(shown.stdout) as PlanJson;
}
