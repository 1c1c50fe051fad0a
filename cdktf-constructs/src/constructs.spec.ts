// Construct library unit tests: synthesized JSON for every construct, every policy aspect
// passing and failing, and the document validator's messages.
import { Aspects, Testing, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { ApiKey as ApiKeyResource } from '../generated/providers/warden/api-key/index.ts';
import { RoleAssignment } from '../generated/providers/warden/role-assignment/index.ts';
import { ServiceAccountRoles } from '../generated/providers/warden/service-account-roles/index.ts';
import { ServiceAccount as ServiceAccountResource } from '../generated/providers/warden/service-account/index.ts';
import {
  DocumentError, ForbiddenRoles, LabelNamingRule, MaxKeyTtl, NoNonExpiringKeys, Organization, RequireDescriptions,
  ServiceAccount, WardenProvider, ZeroDowntimeKeyPair, validateDocument, type OrganizationDocument,
} from './index.ts';

function stack(build: (s: TerraformStack) => void): { json: string; parsed: any } {
  const app = Testing.app();
  const s = new TerraformStack(app, 'test');
  new WardenProvider(s, 'warden', {});
  build(s);
  const json = Testing.synth(s);
  return { json, parsed: JSON.parse(json) };
}

describe('ServiceAccount', () => {
  it('declares the account, an authoritative role set and keys that are created before destroyed', () => {
    const { json, parsed } = stack((s) => {
      const ci = new ServiceAccount(s, 'ci', { name: 'ci-github-actions', description: 'CI', roles: ['member'] });
      ci.addKey({ label: 'gha-prod', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' }).exposeSecret('ci_key');
    });
    expect(Testing.toHaveResourceWithProperties(json, ServiceAccountResource.tfResourceType, { name: 'ci-github-actions', description: 'CI' })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(json, ServiceAccountRoles.tfResourceType, { roles: ['member'] })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(json, ApiKeyResource.tfResourceType, { label: 'gha-prod', ttl: '90d', rotate_before: '15d', grace_period: '1h', lifecycle: { create_before_destroy: true } })).toBe(true);
    expect(parsed.output.ci_key.sensitive).toBe(true);
    expect(parsed.terraform.required_providers.warden).toEqual({ source: 'wardenhq/warden', version: '0.1.0' });
  });

  it('grants roles additively and refuses mixing with an authoritative set', () => {
    const { json } = stack((s) => {
      const bot = new ServiceAccount(s, 'bot', { name: 'bot-one' });
      bot.grant('reader');
      bot.grant('snapshotter');
      expect(() => new ServiceAccount(s, 'other', { name: 'bot-two', roles: [] }).grant('admin')).toThrow(/authoritatively/);
    });
    expect(Testing.toHaveResourceWithProperties(json, RoleAssignment.tfResourceType, { role: 'reader' })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(json, RoleAssignment.tfResourceType, { role: 'snapshotter' })).toBe(true);
  });
});

describe('ZeroDowntimeKeyPair', () => {
  it('staggers two keys and rotates only the older slot per generation', () => {
    const triggers = (generation: number) => {
      const { parsed } = stack((s) => new ZeroDowntimeKeyPair(s, 'pair', { serviceAccountId: 'sa_00000000000000000000', label: 'payments', ttl: '90d', generation }));
      const keys = Object.values(parsed.resource.warden_api_key) as any[];
      return Object.fromEntries(keys.map((k) => [k.label, k.rotation_triggers.generation]));
    };
    const g2 = triggers(2);
    const g3 = triggers(3);
    const g4 = triggers(4);
    expect(g2['payments-a']).not.toBe(triggers(1)['payments-a']);
    expect(g3['payments-a']).toBe(g2['payments-a']);
    expect(g3['payments-b']).not.toBe(g2['payments-b']);
    expect(g4['payments-b']).toBe(g3['payments-b']);
    const { parsed } = stack((s) => new ZeroDowntimeKeyPair(s, 'pair', { serviceAccountId: 'sa_00000000000000000000', label: 'payments', ttl: '90d' }));
    expect((Object.values(parsed.resource.warden_api_key) as any[]).map((k) => k.rotate_before)).toEqual(['45d', '45d']);
  });
});

const document: OrganizationDocument = {
  roles: [{ name: 'deployer', description: 'ships', permissions: ['keys:read', 'org:read'] }],
  serviceAccounts: [
    { name: 'ci-prod', description: 'CI for prod', roles: ['member', 'deployer'], keys: [{ label: 'gha-prod', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' }] },
    { name: 'dashboard', description: 'read-only dashboard', roles: ['reader'] },
  ],
  retired: [{ name: 'old-bot' }],
};

describe('Organization', () => {
  it('declares every account, role and key of the document, and keeps retired accounts disabled', () => {
    const { json, parsed } = stack((s) => new Organization(s, 'org', document));
    expect(Object.keys(parsed.resource.warden_service_account)).toHaveLength(3);
    expect(Testing.toHaveResourceWithProperties(json, ServiceAccountResource.tfResourceType, { name: 'old-bot', disabled: true })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(json, 'warden_role', { name: 'deployer', permissions: ['keys:read', 'org:read'] })).toBe(true);
    const ciRoles = Object.values(parsed.resource.warden_service_account_roles).find((r: any) => r.roles.includes('member')) as any;
    expect(ciRoles.roles[0]).toBe('member');
    expect(ciRoles.roles[1]).toMatch(/^\$\{warden_role\.org_role-deployer_[0-9A-F]{8}\.id\}$/);
  });

  it('deletes retired accounts when removalPolicy is delete', () => {
    const { parsed } = stack((s) => new Organization(s, 'org', { ...document, removalPolicy: 'delete' }));
    expect(Object.values(parsed.resource.warden_service_account).map((a: any) => a.name)).toEqual(['ci-prod', 'dashboard']);
  });
});

describe('document validator', () => {
  it('reports every bad field with its path, at once', () => {
    const bad = {
      roles: [{ name: 'admin', permissions: ['keys'] }],
      serviceAccounts: [
        { name: 'CI Prod', roles: ['superuser'], keys: [{ label: 'ok', ttl: '90x' }, { label: 'ok', ttl: '10d', rotateBefore: '15d' }] },
        { name: 'dup-name' },
        { name: 'dup-name', colour: 'blue' },
      ],
    };
    let error: DocumentError | undefined;
    try {
      validateDocument(bad);
    } catch (e) {
      error = e as DocumentError;
    }
    expect(error).toBeInstanceOf(DocumentError);
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^roles\[0\]\.name: "admin" is already a built-in role/),
        expect.stringMatching(/^roles\[0\]\.permissions\[0\]: "keys" is not a permission/),
        expect.stringMatching(/^serviceAccounts\[0\]\.name: "CI Prod" is not a valid name/),
        expect.stringMatching(/^serviceAccounts\[0\]\.roles\[0\]: "superuser" is neither/),
        expect.stringMatching(/^serviceAccounts\[0\]\.keys\[0\]\.ttl: "90x" is not a duration/),
        expect.stringMatching(/^serviceAccounts\[0\]\.keys\[1\]\.label: "ok" is used twice/),
        expect.stringMatching(/^serviceAccounts\[0\]\.keys\[1\]\.rotateBefore: must be shorter than ttl/),
        expect.stringMatching(/^serviceAccounts\[2\]\.name: "dup-name" is declared twice/),
        expect.stringMatching(/^serviceAccounts\[2\]\.colour: unknown field/),
      ]),
    );
    expect(error!.problems).toHaveLength(9);
  });
});

describe('policy aspects', () => {
  const withAspect = (aspect: object, build: (s: TerraformStack) => void) => () =>
    stack((s) => {
      build(s);
      Aspects.of(s).add(aspect as never);
    });
  const key = (opts: { ttl?: string; label?: string; description?: string; roles?: string[]; name?: string }) => (s: TerraformStack) => {
    const sa = new ServiceAccount(s, 'sa', { name: opts.name ?? 'ci-prod', description: 'x', roles: opts.roles });
    sa.addKey({ label: opts.label ?? 'ci-prod', ttl: opts.ttl, description: opts.description });
  };

  it.each([
    ['MaxKeyTtl', new MaxKeyTtl('90d'), key({ ttl: '90d', description: 'd' }), key({ ttl: '180d', description: 'd' }), /\[policy MaxKeyTtl\] test\/sa\/key-ci-prod: ttl 180d exceeds the maximum 90d/],
    ['NoNonExpiringKeys', new NoNonExpiringKeys(), key({ ttl: '1d' }), key({}), /\[policy NoNonExpiringKeys\] test\/sa\/key-ci-prod: the key never expires/],
    ['ForbiddenRoles', new ForbiddenRoles(['admin'], { allow: ['automation'] }), key({ name: 'automation', roles: ['admin'], ttl: '1d' }), key({ roles: ['admin'], ttl: '1d' }), /\[policy ForbiddenRoles\] test\/sa: role "admin" is not allowed here \(only for automation\)/],
    ['RequireDescriptions', new RequireDescriptions(), key({ ttl: '1d', description: 'deploys' }), key({ ttl: '1d' }), /\[policy RequireDescriptions\] test\/sa\/key-ci-prod: add a description/],
    ['LabelNamingRule', new LabelNamingRule(/^[a-z]+-(dev|prod)$/), key({ label: 'ci-prod', ttl: '1d' }), key({ label: 'whatever', ttl: '1d' }), /\[policy LabelNamingRule\] test\/sa\/key-whatever: label "whatever" does not match/],
  ])('%s passes a compliant stack and fails synthesis naming the construct', (_name, aspect, good, bad, message) => {
    expect(withAspect(aspect, good)).not.toThrow();
    expect(withAspect(aspect, bad)).toThrow(message);
  });
});
