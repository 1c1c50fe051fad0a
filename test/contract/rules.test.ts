// The shared rules (sdk/rules.ts) say what the contract says: each pattern is the contract's
// own, every permission the server publishes is in the catalog, and the built-in roles hold
// only catalog permissions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ASSIGNMENT_ID_PATTERN,
  BUILTIN_ROLES,
  KEY_ID_PATTERN,
  LABEL_PATTERN,
  MANAGEMENT_PERMISSIONS,
  PERMISSION_CATALOG,
  SERVICE_ACCOUNT_ID_PATTERN,
  SLUG_PATTERN,
  USER_ID_PATTERN,
} from '../../sdk/rules.ts';

const schemas = parse(readFileSync('openapi/warden.yaml', 'utf8')).components.schemas as Record<string, { pattern?: string }>;

describe('sdk/rules.ts', () => {
  it.each([
    ['Slug', SLUG_PATTERN],
    ['RoleName', SLUG_PATTERN],
    ['Label', LABEL_PATTERN],
    ['ServiceAccountId', SERVICE_ACCOUNT_ID_PATTERN],
    ['KeyId', KEY_ID_PATTERN],
    ['AssignmentId', ASSIGNMENT_ID_PATTERN],
    ['UserId', USER_ID_PATTERN],
  ] as const)('%s is the contract’s pattern', (schema, pattern) => {
    expect(pattern.source).toBe(schemas[schema]!.pattern);
  });

  it('has permissions shaped as the contract’s Permission, each once', () => {
    const names = PERMISSION_CATALOG.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(new RegExp(schemas.Permission!.pattern!));
    }
    expect(MANAGEMENT_PERMISSIONS).toEqual(['roles:write', 'role_assignments:write']);
  });

  it('gives the built-in roles catalog permissions only, and admin all of them', () => {
    const catalog = new Set(PERMISSION_CATALOG.map((p) => p.name));
    for (const role of BUILTIN_ROLES) {
      expect(
        role.permissions.filter((p) => !catalog.has(p)),
        role.name,
      ).toEqual([]);
    }
    expect(BUILTIN_ROLES.find((r) => r.name === 'admin')!.permissions).toEqual([...catalog].sort());
    expect(BUILTIN_ROLES.filter((r) => r.name !== 'admin').flatMap((r) => r.permissions.filter((p) => MANAGEMENT_PERMISSIONS.includes(p)))).toEqual([]);
  });
});
