// What Terraform (or the desired-state document) declares, for audit-drift to compare
// with the live organization: service account and key ids from one or more states — a
// .tfstate file, `terraform show -json` of a state, a working directory Terraform can
// show (any backend), or a CDKTF app folder's stack states — or account names and key
// labels from an organization document.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DocumentError, parseDocument } from '../sdk/organization-document.ts';
import { InputError } from './errors.ts';
import type { StateModule } from './plan-types.ts';
import { stateResources } from './plan-types.ts';
import { terraformShowJson } from './terraform-cli.ts';

export interface Declared {
  source: { kind: 'state' | 'document'; path: string };
  /** Accounts Terraform manages (or reads through a data source: known, so not drift). */
  accountIds: Set<string>;
  keyIds: Set<string>;
  /** From a document, which names accounts and key labels (`account/label`) instead of ids. */
  accountNames: Set<string>;
  keyLabels: Set<string>;
}

const emptyDeclared = (kind: 'state' | 'document', path: string): Declared => ({
  source: { kind, path },
  accountIds: new Set(),
  keyIds: new Set(),
  accountNames: new Set(),
  keyLabels: new Set(),
});

/** Declared ids from parsed state JSON, either raw (version 4) or as `terraform show -json` prints it. */
export function declaredFromState(data: unknown, path: string): Declared {
  const declared = emptyDeclared('state', path);
  const state = data as { version?: number; resources?: unknown; values?: { root_module?: StateModule }; resource_changes?: unknown };
  if (typeof state !== 'object' || state === null) {
    throw new InputError(`${path} is not a Terraform state`);
  }
  if (state.resource_changes !== undefined) {
    throw new InputError(`${path} is a plan, not a state; audit-drift compares the organization with a state (terraform show -json, or terraform.tfstate)`);
  }
  const note = (type: string, values: Record<string, unknown> | undefined) => {
    const id = values?.id;
    if (typeof id !== 'string') {
      return;
    }
    if (type === 'warden_service_account') {
      declared.accountIds.add(id);
    } else if (type === 'warden_api_key') {
      declared.keyIds.add(id);
    }
  };
  if (Array.isArray(state.resources)) {
    for (const resource of state.resources as { type?: string; instances?: { attributes?: Record<string, unknown> }[] }[]) {
      for (const instance of resource.instances ?? []) {
        note(String(resource.type), instance.attributes);
      }
    }
  } else if (state.values !== undefined || state.version === undefined) {
    // `terraform show -json` of an empty state has no `values` at all.
    for (const resource of stateResources(state.values?.root_module)) {
      note(resource.type, resource.values as Record<string, unknown> | undefined);
    }
  } else {
    throw new InputError(`${path} is not a Terraform state (no resources or values)`);
  }
  return declared;
}

/** A .tfstate file or `terraform show -json` output of a state. */
function readStateFile(path: string): Declared {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path} is not a Terraform state (JSON): ${(error as Error).message}`);
  }
  return declaredFromState(data, path);
}

/** `terraform show -json` in a working directory: any backend, the selected workspace. */
function readWorkingDirectory(dir: string, env: NodeJS.ProcessEnv): Declared {
  const shown = terraformShowJson([], dir, env) as { values?: unknown };
  if (shown.values === undefined) {
    throw new InputError(
      `the Terraform state of ${dir} is empty (nothing applied in this workspace yet?); audit-drift needs the state Terraform manages the organization with`,
    );
  }
  return declaredFromState(shown, dir);
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** The states of a CDKTF app folder: one per synthesized stack, from the local backend path in its cdk.tf.json. */
function readCdktfApp(app: string, env: NodeJS.ProcessEnv): { declared: Declared[]; notes: string[] } {
  const stacksDir = join(app, 'cdktf.out', 'stacks');
  const stacks = isDir(stacksDir)
    ? readdirSync(stacksDir)
        .filter((name) => isFile(join(stacksDir, name, 'cdk.tf.json')))
        .sort()
    : [];
  if (stacks.length === 0) {
    throw new InputError(
      `${app} is a CDKTF app but has no synthesized stacks (${join('cdktf.out', 'stacks', '*', 'cdk.tf.json')}); run cdktf synth there, or give --state the stack state (terraform.<stack>.tfstate) or the stack working directory (cdktf.out/stacks/<stack> after terraform init)`,
    );
  }
  const declared: Declared[] = [];
  const notes: string[] = [];
  const missing: string[] = [];
  for (const stack of stacks) {
    const stackDir = join(stacksDir, stack);
    let backend: Record<string, { path?: unknown } | undefined> | undefined;
    try {
      backend = (JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as { terraform?: { backend?: Record<string, { path?: unknown }> } }).terraform
        ?.backend;
    } catch (error) {
      throw new InputError(`${join(stackDir, 'cdk.tf.json')} is not valid JSON: ${(error as Error).message}`);
    }
    const kind = backend ? Object.keys(backend)[0] : 'local';
    if (kind === 'local' || kind === undefined) {
      const configured = typeof backend?.local?.path === 'string' ? backend.local.path : undefined;
      // cdktf writes an absolute path of the machine that synthesized; the app folder is where it points by default.
      const candidates = [configured && (isAbsolute(configured) ? configured : resolve(stackDir, configured)), join(app, `terraform.${stack}.tfstate`)].filter(
        (c): c is string => Boolean(c),
      );
      const found = candidates.find(isFile);
      if (found) {
        declared.push(readStateFile(found));
        notes.push(`stack ${stack}: ${found}`);
      } else {
        missing.push(`stack ${stack}: no state at ${[...new Set(candidates)].join(' or ')}`);
      }
    } else if (isDir(join(stackDir, '.terraform'))) {
      declared.push(readWorkingDirectory(stackDir, env));
      notes.push(`stack ${stack}: ${kind} backend, through terraform show -json in ${stackDir}`);
    } else {
      missing.push(`stack ${stack}: ${kind} backend; run terraform init in ${stackDir} (or cdktf diff) and pass --state ${stackDir}`);
    }
  }
  if (missing.length > 0) {
    throw new InputError(
      `no state found for every stack of the CDKTF app ${app} (${missing.join('; ')}); deploy the stack first, or give --state the state file or initialised stack directory`,
    );
  }
  return { declared, notes };
}

/**
 * Everything `--state PATH` may be: a .tfstate file, `terraform show -json` output, a
 * Terraform working directory (with .terraform/ initialised: any backend; or a local
 * terraform.tfstate), or a CDKTF app folder (its stacks' states). A folder without any
 * state is an error, never an empty declaration that would make everything "unmanaged".
 */
export function readDeclaredStatePath(path: string, env: NodeJS.ProcessEnv = process.env): { declared: Declared[]; notes: string[] } {
  if (!existsSync(path)) {
    throw new InputError(`cannot read the state ${path}: no such file or directory`);
  }
  if (!isDir(path)) {
    return { declared: [readStateFile(path)], notes: [] };
  }
  if (isFile(join(path, 'cdktf.json')) || isDir(join(path, 'cdktf.out'))) {
    return readCdktfApp(path, env);
  }
  if (isDir(join(path, '.terraform'))) {
    return { declared: [readWorkingDirectory(path, env)], notes: [] };
  }
  if (isFile(join(path, 'terraform.tfstate'))) {
    return { declared: [readStateFile(join(path, 'terraform.tfstate'))], notes: [] };
  }
  const hasConfig = readdirSync(path).some((f) => f.endsWith('.tf') || f.endsWith('.tf.json'));
  throw new InputError(
    hasConfig
      ? `no Terraform state found in ${path}: it has configuration but neither .terraform/ (run terraform init, which also reaches a remote backend) nor terraform.tfstate`
      : `no Terraform state found in ${path}: expected a .tfstate file, a Terraform working directory (after terraform init) or a CDKTF app folder`,
  );
}

/** One or more `--state` paths (an organization split across states or workspaces), merged. */
export function readDeclaredStates(paths: readonly string[], env: NodeJS.ProcessEnv = process.env): { declared: Declared; notes: string[] } {
  const merged = emptyDeclared('state', paths.join(', '));
  const notes: string[] = [];
  for (const path of paths) {
    const read = readDeclaredStatePath(path, env);
    notes.push(...read.notes);
    for (const one of read.declared) {
      one.accountIds.forEach((id) => merged.accountIds.add(id));
      one.keyIds.forEach((id) => merged.keyIds.add(id));
    }
  }
  return { declared: merged, notes };
}

/** A single `--state` path. */
export function readDeclaredState(path: string, env: NodeJS.ProcessEnv = process.env): Declared {
  return readDeclaredStates([path], env).declared;
}

/** Account names and key labels from an organization document (YAML or JSON). */
export function readDeclaredDocument(path: string): Declared {
  let document;
  try {
    document = parseDocument(readFileSync(path, 'utf8'), path, parseYaml);
  } catch (error) {
    throw new InputError(error instanceof DocumentError ? error.message : `cannot read the document ${path}: ${(error as Error).message}`);
  }
  const declared = emptyDeclared('document', path);
  for (const account of document.serviceAccounts) {
    declared.accountNames.add(account.name);
    for (const key of account.keys ?? []) {
      declared.keyLabels.add(`${account.name}/${key.label}`);
    }
  }
  // Retired accounts stay (disabled, without keys) under removalPolicy "disable": still declared.
  for (const retired of document.retired ?? []) {
    declared.accountNames.add(retired.name);
  }
  return declared;
}
