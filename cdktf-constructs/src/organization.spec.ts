// Unit tests of Organization and its document: every entry becomes a construct, retired
// accounts follow removalPolicy, bad documents are refused with every problem and its
// path, and the published JSON Schema agrees with the validator on the examples.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { resources, synth, thrown } from '../../test/cdktf/helpers.ts';
import { DocumentError, Organization, organizationDocumentSchema, validateOrganizationDocument, type OrganizationDocument } from './index.ts';

const document: OrganizationDocument = {
  roles: [{ name: 'deployer', description: 'Ships.', permissions: ['keys:read', 'org:read'] }],
  serviceAccounts: [
    {
      name: 'ci-prod',
      description: 'CI for prod',
      roles: ['member', 'deployer'],
      keys: [{ label: 'gha-prod', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' }],
    },
    { name: 'dashboard', description: 'Read-only dashboard', roles: ['reader'], disabled: true },
  ],
  retired: [{ name: 'old-bot' }],
};

describe('Organization', () => {
  it('declares every role, account and key of the document, and keeps retired accounts disabled', () => {
    const out = synth((s) => {
      const org = new Organization(s, 'org', document);
      expect([...org.accounts.keys()]).toEqual(['ci-prod', 'dashboard', 'old-bot']);
      expect(org.account('ci-prod').keys[0]!.label).toBe('gha-prod');
      expect(() => org.account('nobody')).toThrow(/test\/org: no service account "nobody" in the document \(known: ci-prod, dashboard, old-bot\)/);
    });
    const accounts = resources(out, 'warden_service_account');
    expect(accounts.map((a) => [a.name, a.disabled ?? false]).sort()).toEqual([
      ['ci-prod', false],
      ['dashboard', true],
      ['old-bot', true],
    ]);
    const role = resources(out, 'warden_role')[0];
    expect(role).toMatchObject({ name: 'deployer', permissions: ['keys:read', 'org:read'] });
    const sets = resources(out, 'warden_service_account_roles').map((r) => r.roles);
    // The custom role is referenced through its resource, so Terraform creates it first.
    expect(sets).toEqual(
      expect.arrayContaining([['member', expect.stringMatching(/^\$\{warden_role\.org_role-deployer_role_[0-9A-F]{8}\.id\}$/)], ['reader'], []]),
    );
    expect(resources(out, 'warden_api_key')).toEqual([expect.objectContaining({ label: 'gha-prod', ttl: '90d', lifecycle: { create_before_destroy: true } })]);
  });

  it('gives a retired account the construct id it had while active, so retiring updates in place', () => {
    const active = synth((s) => new Organization(s, 'org', { serviceAccounts: [{ name: 'old-bot', roles: ['reader'] }] }));
    const retired = synth((s) => new Organization(s, 'org', { serviceAccounts: [], retired: [{ name: 'old-bot' }] }));
    expect(Object.keys(retired.parsed.resource!.warden_service_account!)).toEqual(Object.keys(active.parsed.resource!.warden_service_account!));
    expect(Object.keys(retired.parsed.resource!.warden_service_account_roles!)).toEqual(Object.keys(active.parsed.resource!.warden_service_account_roles!));
  });

  it('leaves retired accounts out (so Terraform deletes them) when removalPolicy is delete', () => {
    const out = synth((s) => new Organization(s, 'org', { ...document, removalPolicy: 'delete' }));
    expect(
      resources(out, 'warden_service_account')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['ci-prod', 'dashboard']);
  });

  it('reads YAML and JSON files, naming the file in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-doc-'));
    writeFileSync(join(dir, 'org.yaml'), 'serviceAccounts:\n  - name: ci-prod\n    roles: [reader]\n');
    writeFileSync(join(dir, 'org.json'), JSON.stringify({ serviceAccounts: [{ name: 'ci-prod', keys: [{ label: 'k', ttl: '9' }] }] }));
    writeFileSync(join(dir, 'broken.yaml'), 'serviceAccounts: [\n');
    const out = synth((s) => Organization.fromFile(s, 'org', join(dir, 'org.yaml')));
    expect(resources(out, 'warden_service_account_roles')[0].roles).toEqual(['reader']);
    expect(() => synth((s) => Organization.fromFile(s, 'org', join(dir, 'org.json')))).toThrow(
      `${join(dir, 'org.json')} has 1 problem(s):\n  - serviceAccounts[0].keys[0].ttl: "9" is not a duration (use 90d, 12h, 15m or 90s)`,
    );
    expect(() => synth((s) => Organization.fromFile(s, 'org', join(dir, 'broken.yaml')))).toThrow(/\(file\): not valid YAML/);
  });
});

describe('document validator', () => {
  it('reports every bad field with its path, at once', () => {
    const bad = {
      roles: [
        { name: 'admin', permissions: ['keys'] },
        { name: 'auditor', description: 42, permissions: ['audit:read'] },
      ],
      serviceAccounts: [
        {
          name: 'CI Prod',
          roles: ['superuser'],
          keys: [
            { label: 'ok', ttl: '90x' },
            { label: 'ok', ttl: '10d', rotateBefore: '15d', rotationTriggers: { generation: 3 } },
          ],
        },
        { name: 'dup-name', disabled: 'yes' },
        { name: 'dup-name', colour: 'blue' },
      ],
      retired: [{ name: 'dup-name' }],
    };
    const error = thrown(() => validateOrganizationDocument(bad, 'org.yaml'));
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.message).toMatch(/^org.yaml has 13 problem\(s\):\n {2}- /);
    expect((error as DocumentError).problems.sort()).toEqual([
      'retired[0].name: "dup-name" is also listed under serviceAccounts',
      'roles[0].name: "admin" is already a built-in role',
      'roles[0].permissions[0]: "keys" is not a permission (e.g. keys:read)',
      'roles[1].description: 42 is not a string',
      'serviceAccounts[0].keys[0].ttl: "90x" is not a duration (use 90d, 12h, 15m or 90s)',
      'serviceAccounts[0].keys[1].label: "ok" is used twice in this account',
      'serviceAccounts[0].keys[1].rotateBefore: must be shorter than ttl',
      'serviceAccounts[0].keys[1].rotationTriggers: expected a mapping of strings (quote numbers: "3")',
      'serviceAccounts[0].name: "CI Prod" is not a valid name (3–63 lowercase letters, digits and single hyphens)',
      'serviceAccounts[0].roles[0]: "superuser" is neither a built-in role (admin, member, snapshotter, reader) nor declared under roles',
      'serviceAccounts[1].disabled: "yes" is not a boolean',
      'serviceAccounts[2].colour: unknown field (expected one of name, description, disabled, deletionProtection, roles, keys)',
      'serviceAccounts[2].name: "dup-name" is declared twice',
    ]);
  });

  it('reports a scalar where a list belongs instead of crashing', () => {
    const error = thrown(() => validateOrganizationDocument({ serviceAccounts: [{ name: 'ci-prod', roles: 'reader', keys: 'none' }] }));
    expect((error as DocumentError).problems).toEqual(['serviceAccounts[0].roles: expected a list', 'serviceAccounts[0].keys: expected a list']);
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => validateOrganizationDocument(['x'])).toThrow(/\(root\): expected a mapping with serviceAccounts/);
  });
});

describe('organization document JSON Schema', () => {
  const ajv = new Ajv2020({ allErrors: true });
  const validate = ajv.compile(organizationDocumentSchema);

  it('accepts the example documents the validator accepts', () => {
    for (const file of ['examples/org-bootstrap/organization.yaml']) {
      const doc = parse(readFileSync(resolve(file), 'utf8'));
      expect(validateOrganizationDocument(doc)).toBeTruthy();
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    [{ serviceAccounts: [{ name: 'ci-prod', colour: 'blue' }] }],
    [{ serviceAccounts: [{ name: 'CI' }] }],
    [{ serviceAccounts: [{ name: 'ci-prod', keys: [{ label: 'k', ttl: '90x' }] }] }],
    [{ serviceAccounts: [{ name: 'ci-prod', keys: [{ label: 'k', rotateBefore: '1d' }] }] }],
    [{ roles: [{ name: 'admin', permissions: ['org:read'] }], serviceAccounts: [] }],
    [{ removalPolicy: 'archive', serviceAccounts: [] }],
  ])('rejects what the validator rejects: %j', (doc) => {
    expect(validate(doc)).toBe(false);
    expect(() => validateOrganizationDocument(doc)).toThrow(DocumentError);
  });
});
