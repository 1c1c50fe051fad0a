// Organization: the whole desired state of an organization from one validated document,
// so a pull request shows every credential change in one diff. The document type, its
// loader and the path-reporting validator live in sdk/organization-document.ts (shared
// with `warden audit-drift`); this module adds the type checks that validator leaves
// out and turns the document into constructs.
//
// Removal: an account deleted from the document is destroyed by Terraform. To keep it for
// the audit trail instead, move it to `retired:` — with `removalPolicy: disable` (the
// default) it stays, disabled, without roles or keys, under the same construct id, so the
// change is an in-place update rather than a delete. `disabled: true` on a listed account
// disables it and keeps its roles and keys.
import { readFileSync } from 'node:fs';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import { DocumentError, validateDocument, type OrganizationDocument } from '@wardenhq/sdk/organization-document';
import { CustomRole } from './custom-role.ts';
import { ServiceAccount } from './service-account.ts';

/**
 * Every custom role, service account and key of an organization, from one document.
 *
 * @example
 * const org = Organization.fromFile(this, 'acme', 'organization.yaml');
 * org.account('ci-production').keys[0]!.exposeSecret('ci_production_key');
 *
 * new Organization(this, 'acme', {
 *   roles: [{ name: 'deployer', permissions: ['org:read', 'keys:write'] }],
 *   serviceAccounts: [{ name: 'ci-prod', roles: ['deployer'], keys: [{ label: 'gha', ttl: '30d', rotateBefore: '7d' }] }],
 *   retired: [{ name: 'old-bot' }],
 * });
 */
export class Organization extends Construct {
  /** Declared accounts by name, retired ones included (under removalPolicy "disable"). */
  readonly accounts = new Map<string, ServiceAccount>();
  /** Custom roles by name. */
  readonly roles = new Map<string, CustomRole>();
  /** The validated document. */
  readonly document: OrganizationDocument;

  /** Reads a YAML (or `.json`) document; problems name the file and every bad path. */
  static fromFile(scope: Construct, id: string, file: string): Organization {
    const text = readFileSync(file, 'utf8');
    let data: unknown;
    try {
      data = file.endsWith('.json') ? JSON.parse(text) : parse(text);
    } catch (error) {
      throw new DocumentError([`(file): not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`], file);
    }
    return new Organization(scope, id, validateOrganizationDocument(data, file));
  }

  constructor(scope: Construct, id: string, document: OrganizationDocument) {
    super(scope, id);
    this.document = validateOrganizationDocument(document);
    for (const spec of this.document.roles ?? []) {
      this.roles.set(spec.name, new CustomRole(this, `role-${spec.name}`, spec));
    }
    for (const spec of this.document.serviceAccounts) {
      // Custom roles are passed as constructs so that Terraform creates them before the
      // role sets that name them (the provider checks role names at plan time).
      const account = new ServiceAccount(this, spec.name, {
        name: spec.name,
        description: spec.description,
        disabled: spec.disabled,
        deletionProtection: spec.deletionProtection,
        roles: (spec.roles ?? []).map((r) => this.roles.get(r) ?? r),
      });
      for (const key of spec.keys ?? []) {
        account.addKey(key);
      }
      this.accounts.set(spec.name, account);
    }
    if ((this.document.removalPolicy ?? 'disable') === 'disable') {
      for (const retired of this.document.retired ?? []) {
        const account = new ServiceAccount(this, retired.name, {
          name: retired.name,
          description: retired.description ?? 'Retired.',
          disabled: true,
          roles: [],
        });
        this.accounts.set(retired.name, account);
      }
    }
  }

  /** The construct of one declared account; throws naming the known accounts. */
  account(name: string): ServiceAccount {
    const found = this.accounts.get(name);
    if (!found) {
      throw new Error(`${this.node.path}: no service account "${name}" in the document (known: ${[...this.accounts.keys()].join(', ')})`);
    }
    return found;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a document: the shared validator's checks (names, roles, durations, unknown
 * fields, duplicates) plus value types, all reported together with their paths.
 * Returns the document typed, or throws one DocumentError listing every problem.
 */
export function validateOrganizationDocument(input: unknown, source?: string): OrganizationDocument {
  const problems: string[] = [];
  let crash: unknown;
  try {
    validateDocument(input, source);
  } catch (error) {
    if (error instanceof DocumentError) {
      problems.push(...error.problems);
    } else {
      // The shared validator assumes lists are lists; a scalar there makes it throw a
      // TypeError, which typeProblems below reports properly with its path.
      crash = error;
    }
  }
  if (isObject(input)) {
    problems.push(...typeProblems(input));
  }
  if (crash !== undefined && problems.length === 0) {
    throw crash;
  }
  if (problems.length > 0) {
    throw new DocumentError(problems, source);
  }
  return input as unknown as OrganizationDocument;
}

/** Type checks the shared validator does not make (it trusts strings and booleans). */
function typeProblems(doc: Json): string[] {
  const out: string[] = [];
  const expect = (value: unknown, kind: 'string' | 'boolean', path: string) => {
    if (value !== undefined && typeof value !== kind) {
      out.push(`${path}: ${JSON.stringify(value)} is not a ${kind}`);
    }
  };
  const list = (value: unknown, path: string): unknown[] => {
    if (value === undefined) {
      return [];
    }
    if (!Array.isArray(value)) {
      out.push(`${path}: expected a list`);
      return [];
    }
    return value;
  };
  list(doc.roles, 'roles').forEach((role, i) => isObject(role) && expect(role.description, 'string', `roles[${i}].description`));
  list(doc.retired, 'retired').forEach((entry, i) => isObject(entry) && expect(entry.description, 'string', `retired[${i}].description`));
  (Array.isArray(doc.serviceAccounts) ? doc.serviceAccounts : []).forEach((account: unknown, i) => {
    if (!isObject(account)) {
      return;
    }
    const path = `serviceAccounts[${i}]`;
    expect(account.description, 'string', `${path}.description`);
    expect(account.disabled, 'boolean', `${path}.disabled`);
    expect(account.deletionProtection, 'boolean', `${path}.deletionProtection`);
    list(account.roles, `${path}.roles`);
    list(account.keys, `${path}.keys`).forEach((key, j) => {
      if (!isObject(key)) {
        return;
      }
      expect(key.description, 'string', `${path}.keys[${j}].description`);
      const triggers = key.rotationTriggers;
      if (triggers !== undefined && (!isObject(triggers) || Object.values(triggers).some((v) => typeof v !== 'string'))) {
        out.push(`${path}.keys[${j}].rotationTriggers: expected a mapping of strings (quote numbers: "3")`);
      }
    });
  });
  return out;
}
