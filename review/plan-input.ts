// Reads the plan under review: `terraform show -json` output (a file, or `-` for stdin),
// or a binary plan file, which Terraform itself must render — from the working directory
// the plan was made in, which is usually the plan's own directory.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from './errors.ts';
import type { PlanJson } from './plan-types.ts';
import { terraformShowJson } from './terraform-cli.ts';

export interface ReadPlanOptions {
  env?: NodeJS.ProcessEnv;
  /** Where to run terraform for a binary plan. @default the plan file's directory */
  workingDirectory?: string;
  /** For `-`. @default file descriptor 0 */
  stdin?: () => Buffer;
}

export function readPlan(path: string, options: ReadPlanOptions = {}): PlanJson {
  let raw: Buffer;
  try {
    raw = path === '-' ? (options.stdin ?? (() => readFileSync(0)))() : readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read the plan ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const text = raw.toString('utf8').trimStart();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${path} looks like JSON but does not parse: ${(error as Error).message}`);
    }
    return checkPlan(parsed, path);
  }
  // A saved binary plan is a zip archive ("PK"); anything else is not a plan at all.
  if (raw.subarray(0, 2).toString('latin1') !== 'PK' || path === '-') {
    throw new InputError(`${path} is neither a saved plan (terraform plan -out FILE) nor its JSON (terraform show -json FILE)`);
  }
  const absolute = resolve(path);
  return checkPlan(terraformShowJson([absolute], options.workingDirectory ?? dirname(absolute), options.env), path);
}

function checkPlan(parsed: unknown, path: string): PlanJson {
  const plan = parsed as PlanJson & { values?: unknown };
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    throw new InputError(`${path} is not a Terraform plan`);
  }
  if (plan.resource_changes === undefined && plan.planned_values === undefined) {
    const what = plan.values !== undefined ? 'a Terraform state (use warden audit-drift --state for states)' : 'not a Terraform plan';
    throw new InputError(`${path} is ${what}; expected the output of terraform show -json PLANFILE`);
  }
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) {
    throw new InputError(`${path}: resource_changes is not a list; is this the output of terraform show -json PLANFILE?`);
  }
  if (typeof plan.format_version === 'string' && !plan.format_version.startsWith('1.')) {
    throw new InputError(`${path}: plan format_version ${plan.format_version} is not supported (expected 1.x)`);
  }
  return plan;
}
