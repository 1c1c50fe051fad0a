// What Terraform (or the desired-state document) declares, for audit-drift to compare
// with the live organization: service account and key ids from a state — a .tfstate
// file, `terraform show -json` of a state, or a working directory Terraform can show —
// or account names and key labels from an organization document.
import { readFileSync, statSync } from 'node:fs';
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

const emptyDeclared = (kind: 'state' | 'document', path: string): Declared => ({ source: { kind, path }, accountIds: new Set(), keyIds: new Set(), accountNames: new Set(), keyLabels: new Set() });

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

/** A .tfstate file, `terraform show -json` output, or a working directory (runs terraform show -json there). */
export function readDeclaredState(path: string, env: NodeJS.ProcessEnv = process.env): Declared {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new InputError(`cannot read the state ${path}: no such file or directory`);
  }
  if (isDirectory) {
    return declaredFromState(terraformShowJson([], path, env), path);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path} is not a Terraform state (JSON): ${(error as Error).message}`);
  }
  return declaredFromState(data, path);
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
