// The organization desired-state document: its TypeScript shape and a validator that
// reports every bad field with its path, all at once. It lives in the SDK so that both the
// CDKTF constructs and `warden audit-drift` can read it; callers bring the YAML parser, so
// the SDK keeps openapi-fetch as its only runtime dependency.
import { isDuration, parseDuration } from './duration.ts';
import { BUILTIN_ROLE_NAMES, LABEL_PATTERN, SLUG_PATTERN } from './rules.ts';

export interface KeySpec {
  label: string;
  description?: string;
  ttl?: string;
  rotateBefore?: string;
  gracePeriod?: string;
  rotationTriggers?: Record<string, string>;
}

export interface ServiceAccountSpec {
  name: string;
  description?: string;
  disabled?: boolean;
  deletionProtection?: boolean;
  roles?: string[];
  keys?: KeySpec[];
}

export interface RoleSpec {
  name: string;
  description?: string;
  permissions: string[];
}

export interface OrganizationDocument {
  /** What happens to accounts listed under `retired`: kept disabled (default) or deleted. */
  removalPolicy?: 'disable' | 'delete';
  roles?: RoleSpec[];
  serviceAccounts: ServiceAccountSpec[];
  /** Accounts taken out of service: with removalPolicy "disable" they stay, disabled, without keys or roles. */
  retired?: { name: string; description?: string }[];
}

export const BUILTIN_ROLES: string[] = [...BUILTIN_ROLE_NAMES];
const SLUG = SLUG_PATTERN;
const LABEL = LABEL_PATTERN;
const PERMISSION = /^[a-z_]+:[a-z_]+$/;

export class DocumentError extends Error {
  constructor(
    readonly problems: string[],
    source = 'organization document',
  ) {
    super(`${source} has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DocumentError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(value: Json, allowed: string[], path: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      problems.push(`${path}.${key}: unknown field (expected one of ${allowed.join(', ')})`);
    }
  }
}

function checkDuration(value: unknown, path: string, problems: string[]): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !isDuration(value)) {
    problems.push(`${path}: ${JSON.stringify(value)} is not a duration (use 90d, 12h, 15m or 90s)`);
    return undefined;
  }
  return parseDuration(value);
}

/** Returns the document typed, or throws DocumentError listing every problem with its path. */
export function validateDocument(input: unknown, source?: string): OrganizationDocument {
  const problems: string[] = [];
  if (!isObject(input)) {
    throw new DocumentError(['(root): expected a mapping with serviceAccounts'], source);
  }
  checkKeys(input, ['removalPolicy', 'roles', 'serviceAccounts', 'retired'], '(root)', problems);
  if (input.removalPolicy !== undefined && input.removalPolicy !== 'disable' && input.removalPolicy !== 'delete') {
    problems.push(`removalPolicy: ${JSON.stringify(input.removalPolicy)} must be "disable" or "delete"`);
  }
  const customRoles = new Set<string>();
  const roles = input.roles ?? [];
  if (!Array.isArray(roles)) {
    problems.push('roles: expected a list');
  } else {
    roles.forEach((role: unknown, i) => {
      const path = `roles[${i}]`;
      if (!isObject(role)) {
        problems.push(`${path}: expected a mapping`);
        return;
      }
      checkKeys(role, ['name', 'description', 'permissions'], path, problems);
      if (typeof role.name !== 'string' || !SLUG.test(role.name)) {
        problems.push(`${path}.name: ${JSON.stringify(role.name)} is not a valid name (lowercase letters, digits, hyphens)`);
      } else if (BUILTIN_ROLES.includes(role.name) || customRoles.has(role.name)) {
        problems.push(`${path}.name: "${role.name}" is already a ${BUILTIN_ROLES.includes(role.name) ? 'built-in' : 'declared'} role`);
      } else {
        customRoles.add(role.name);
      }
      if (!Array.isArray(role.permissions) || role.permissions.length === 0) {
        problems.push(`${path}.permissions: expected a non-empty list such as [keys:read]`);
      } else {
        role.permissions.forEach((p: unknown, j: number) => {
          if (typeof p !== 'string' || !PERMISSION.test(p)) {
            problems.push(`${path}.permissions[${j}]: ${JSON.stringify(p)} is not a permission (e.g. keys:read)`);
          }
        });
      }
    });
  }
  const names = new Set<string>();
  const accounts = input.serviceAccounts;
  if (!Array.isArray(accounts)) {
    problems.push('serviceAccounts: expected a list');
  } else {
    accounts.forEach((account: unknown, i) => {
      const path = `serviceAccounts[${i}]`;
      if (!isObject(account)) {
        problems.push(`${path}: expected a mapping`);
        return;
      }
      checkKeys(account, ['name', 'description', 'disabled', 'deletionProtection', 'roles', 'keys'], path, problems);
      if (typeof account.name !== 'string' || !SLUG.test(account.name)) {
        problems.push(`${path}.name: ${JSON.stringify(account.name)} is not a valid name (3–63 lowercase letters, digits and single hyphens)`);
      } else if (names.has(account.name)) {
        problems.push(`${path}.name: "${account.name}" is declared twice`);
      } else {
        names.add(account.name);
      }
      ((account.roles as unknown[] | undefined) ?? []).forEach((role, j) => {
        if (typeof role !== 'string' || (!BUILTIN_ROLES.includes(role) && !customRoles.has(role))) {
          problems.push(`${path}.roles[${j}]: ${JSON.stringify(role)} is neither a built-in role (${BUILTIN_ROLES.join(', ')}) nor declared under roles`);
        }
      });
      const labels = new Set<string>();
      ((account.keys as unknown[] | undefined) ?? []).forEach((key, j) => {
        const keyPath = `${path}.keys[${j}]`;
        if (!isObject(key)) {
          problems.push(`${keyPath}: expected a mapping`);
          return;
        }
        checkKeys(key, ['label', 'description', 'ttl', 'rotateBefore', 'gracePeriod', 'rotationTriggers'], keyPath, problems);
        if (typeof key.label !== 'string' || !LABEL.test(key.label)) {
          problems.push(`${keyPath}.label: ${JSON.stringify(key.label)} is not a valid label (lowercase letters, digits, ".", "_", "-")`);
        } else if (labels.has(key.label)) {
          problems.push(`${keyPath}.label: "${key.label}" is used twice in this account`);
        } else {
          labels.add(key.label);
        }
        const ttl = checkDuration(key.ttl, `${keyPath}.ttl`, problems);
        const rotate = checkDuration(key.rotateBefore, `${keyPath}.rotateBefore`, problems);
        checkDuration(key.gracePeriod, `${keyPath}.gracePeriod`, problems);
        if (rotate !== undefined && (ttl === undefined || rotate >= ttl)) {
          problems.push(`${keyPath}.rotateBefore: must be shorter than ttl${ttl === undefined ? ' (and ttl must be set)' : ''}`);
        }
      });
    });
  }
  ((input.retired as unknown[] | undefined) ?? []).forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.name !== 'string' || !SLUG.test(entry.name)) {
      problems.push(`retired[${i}].name: expected a service account name`);
    } else if (names.has(entry.name)) {
      problems.push(`retired[${i}].name: "${entry.name}" is also listed under serviceAccounts`);
    }
  });
  if (problems.length > 0) {
    throw new DocumentError(problems, source);
  }
  return input as unknown as OrganizationDocument;
}

/**
 * Parses a document's text (JSON when the source ends in .json, else YAML through the
 * caller's parser) and validates it.
 */
export function parseDocument(text: string, source: string, parseYaml: (text: string) => unknown): OrganizationDocument {
  const data = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  return validateDocument(data, source);
}
