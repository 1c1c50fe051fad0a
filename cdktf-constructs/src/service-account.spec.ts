// Unit tests of WardenProvider, ServiceAccount (declared and imported), ApiKey and
// CustomRole: synthesized JSON, defaults, and validation that reports every bad prop at once.
import { AnnotationMetadataEntryType, TerraformVariable, Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { resources, synth, thrown } from '../../test/cdktf/helpers.ts';
import { ApiKey, CustomRole, ServiceAccount, ValidationError, WardenProvider } from './index.ts';
import { ApiKey as ApiKeyResource } from '../generated/providers/warden/api-key/index.ts';
import { RoleAssignment } from '../generated/providers/warden/role-assignment/index.ts';
import { ServiceAccountRoles } from '../generated/providers/warden/service-account-roles/index.ts';
import { ServiceAccount as ServiceAccountResource } from '../generated/providers/warden/service-account/index.ts';

describe('WardenProvider', () => {
  it('leaves configuration to WARDEN_* at run time and pins the provider', () => {
    const out = synth(() => {});
    expect(out.parsed.provider).toEqual({ warden: [{}] });
    expect(out.parsed.terraform.required_providers.warden).toEqual({ source: 'wardenhq/warden', version: '0.1.0' });
  });

  it('refuses a literal API key and a malformed endpoint, together', () => {
    const error = thrown(() => synth((s) => new WardenProvider(s, 'other', { alias: 'other', endpoint: 'localhost:8080', apiKey: 'wdn_secret' })));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      expect.stringMatching(/^endpoint: "localhost:8080" is not an http\(s\) URL/),
      expect.stringMatching(/^apiKey: a literal API key would be written into cdk.tf.json/),
    ]);
  });

  it('accepts a sensitive variable as the API key', () => {
    const out = synth((s) => {
      const key = new TerraformVariable(s, 'warden_key', { type: 'string', sensitive: true });
      new WardenProvider(s, 'staging', { alias: 'staging', endpoint: 'https://warden.staging.example', apiKey: key.stringValue });
    });
    expect(out.parsed.provider!.warden[1]).toEqual({ alias: 'staging', endpoint: 'https://warden.staging.example', api_key: '${var.warden_key}' });
  });
});

describe('ServiceAccount', () => {
  it('declares the account, an authoritative role set and keys created before destroyed', () => {
    const out = synth((s) => {
      const ci = new ServiceAccount(s, 'ci', { name: 'ci-github-actions', description: 'CI', roles: ['member'], deletionProtection: true });
      ci.addKey({ label: 'gha-prod', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h', rotationTriggers: { repo: 'acme/app' } }).exposeSecret('ci_key');
      expect(ci.name).toBe('ci-github-actions');
      expect(ci.keys.map((k) => k.label)).toEqual(['gha-prod']);
      expect(ci.id).toMatch(/^\$\{TfToken\[/);
    });
    expect(
      Testing.toHaveResourceWithProperties(out.json, ServiceAccountResource.tfResourceType, {
        name: 'ci-github-actions',
        description: 'CI',
        deletion_protection: true,
      }),
    ).toBe(true);
    expect(Testing.toHaveResourceWithProperties(out.json, ServiceAccountRoles.tfResourceType, { roles: ['member'] })).toBe(true);
    expect(
      Testing.toHaveResourceWithProperties(out.json, ApiKeyResource.tfResourceType, {
        label: 'gha-prod',
        ttl: '90d',
        rotate_before: '15d',
        grace_period: '1h',
        rotation_triggers: { repo: 'acme/app' },
        lifecycle: { create_before_destroy: true },
      }),
    ).toBe(true);
    const [key] = resources(out, 'warden_api_key');
    const [account] = Object.keys(out.parsed.resource!.warden_service_account!);
    expect(key.service_account_id).toBe(`\${warden_service_account.${account}.id}`);
    expect(out.parsed.output!.ci_key).toEqual({
      value: expect.stringMatching(/^\$\{warden_api_key\..+\.secret\}$/),
      sensitive: true,
      description: 'Secret of API key gha-prod.',
    });
  });

  it('grants roles additively, one assignment each, custom roles by reference', () => {
    const out = synth((s) => {
      const deployer = new CustomRole(s, 'deployer', { name: 'deployer', description: 'Ships.', permissions: ['org:read', 'keys:write'] });
      const bot = new ServiceAccount(s, 'bot', { name: 'bot-one' });
      bot.grant('reader');
      bot.grant(deployer);
      expect(bot.grants).toHaveLength(2);
      expect(() => bot.grant('reader')).toThrow(/role "reader" is granted twice/);
    });
    // Testing.synth orders resources by logical id, not by declaration.
    const roles = resources(out, RoleAssignment.tfResourceType).map((r) => r.role);
    expect(roles).toHaveLength(2);
    expect(roles).toEqual(expect.arrayContaining(['reader', expect.stringMatching(/^\$\{warden_role\..+\.id\}$/)]));
    expect(out.parsed.resource!.warden_service_account_roles).toBeUndefined();
  });

  it('leaves roles alone without the roles prop, and [] removes them all', () => {
    const none = synth((s) => new ServiceAccount(s, 'sa', { name: 'bot-one' }));
    expect(none.parsed.resource!.warden_service_account_roles).toBeUndefined();
    const empty = synth((s) => new ServiceAccount(s, 'sa', { name: 'bot-one', roles: [] }));
    expect(resources(empty, 'warden_service_account_roles')[0].roles).toEqual([]);
  });

  it('refuses grant() on an account whose roles are authoritative', () => {
    synth((s) => {
      const sa = new ServiceAccount(s, 'sa', { name: 'bot-two', roles: ['reader'] });
      expect(() => sa.grant('admin')).toThrow(/test\/sa: roles are declared authoritatively with the "roles" prop; add "admin" there/);
    });
  });

  it('reports every invalid prop of the account and its keys at once', () => {
    const error = thrown(() => synth((s) => new ServiceAccount(s, 'sa', { name: 'CI Bot', roles: ['reader', 'reader', 'Bad Role'] })));
    expect(error.message).toMatch(/^test\/sa: 3 invalid prop\(s\)/);
    expect((error as ValidationError).problems).toEqual([
      'name: "CI Bot" is not a valid name (3–63 lowercase letters, digits and single hyphens, starting with a letter)',
      'roles[1]: "reader" is listed twice',
      'roles[2]: "Bad Role" is not a valid name (3–63 lowercase letters, digits and single hyphens, starting with a letter)',
    ]);
    const keyError = thrown(() =>
      synth((s) => new ServiceAccount(s, 'sa', { name: 'bot-one' }).addKey({ label: 'Prod Key', ttl: '90x', rotateBefore: '15d', gracePeriod: 'soon' })),
    );
    expect((keyError as ValidationError).problems).toEqual([
      'label: "Prod Key" is not a valid label (lowercase letters, digits, ".", "_", "-")',
      'ttl: "90x" is not a duration (use 90d, 12h, 15m or 90s)',
      'gracePeriod: "soon" is not a duration (use 90d, 12h, 15m or 90s)',
    ]);
  });

  it.each([
    [{ ttl: '30s' }, 'ttl: "30s" is outside 60s–3650d'],
    [{ ttl: '3651d' }, 'ttl: "3651d" is outside 60s–3650d'],
    [{ rotateBefore: '1d' }, 'rotateBefore: needs ttl: a non-expiring key has nothing to rotate before'],
    [{ ttl: '10d', rotateBefore: '10d' }, 'rotateBefore: "10d" must be shorter than ttl "10d"'],
  ])('checks key lifetimes: %o', (props, problem) => {
    const error = thrown(() => synth((s) => new ApiKey(s, 'k', { serviceAccountId: 'sa_x', label: 'k1', ...props })));
    expect((error as ValidationError).problems).toEqual([problem]);
  });

  it('skips values that are tokens and refuses a second key with the same label', () => {
    synth((s) => {
      const v = new TerraformVariable(s, 'ttl', { type: 'string' });
      const sa = new ServiceAccount(s, 'sa', { name: 'bot-one' });
      sa.addKey({ label: 'k1', ttl: v.stringValue, rotateBefore: '1d' });
      expect(() => sa.addKey({ label: 'k1', ttl: '1d' })).toThrow(/a key labelled "k1" already exists/);
    });
  });

  it('warns about non-expiring keys and gaps on replacement', () => {
    const out = synth((s) => {
      new ApiKey(s, 'forever', { serviceAccountId: 'sa_x', label: 'forever' });
      new ApiKey(s, 'gap', { serviceAccountId: 'sa_x', label: 'gap', ttl: '1d', createBeforeDestroy: false });
    });
    const warnings = out.stack.node
      .findAll()
      .flatMap((n) => n.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => `${n.node.path}: ${m.data}`));
    expect(warnings).toEqual([
      'test/forever: API key "forever" never expires; set ttl (e.g. "90d")',
      'test/gap: API key "gap" is destroyed before its replacement exists and revoked at once; consumers will see a gap (set gracePeriod)',
    ]);
    expect(resources(out, 'warden_api_key').map((k) => k.lifecycle)).toEqual(expect.arrayContaining([{ create_before_destroy: false }]));
  });

  it('imports an existing account by name through the data source, with grants and keys', () => {
    const out = synth((s) => {
      const admin = ServiceAccount.fromName(s, 'bootstrap', 'bootstrap-admin');
      admin.grant('reader');
      admin.addKey({ label: 'break-glass', ttl: '1d' });
      expect(admin.name).toBe('bootstrap-admin');
      expect(() => ServiceAccount.fromName(s, 'bad', 'Not A Name')).toThrow(/test\/bad: 1 invalid prop/);
    });
    const [lookup] = Object.keys(out.parsed.data!.warden_service_account!);
    expect(out.parsed.data!.warden_service_account![lookup!]).toEqual({ name: 'bootstrap-admin' });
    expect(resources(out, 'warden_api_key')[0].service_account_id).toBe(`\${data.warden_service_account.${lookup}.id}`);
    expect(resources(out, 'warden_role_assignment')[0]).toMatchObject({ role: 'reader', service_account_id: `\${data.warden_service_account.${lookup}.id}` });
    expect(out.parsed.resource!.warden_service_account).toBeUndefined();
  });
});

describe('CustomRole', () => {
  it('declares a warden_role', () => {
    const out = synth((s) => new CustomRole(s, 'r', { name: 'deployer', description: 'Ships.', permissions: ['org:read'] }));
    expect(Testing.toHaveResourceWithProperties(out.json, 'warden_role', { name: 'deployer', description: 'Ships.', permissions: ['org:read'] })).toBe(true);
  });

  it('reports a built-in name and bad permissions together', () => {
    const error = thrown(() => synth((s) => new CustomRole(s, 'r', { name: 'admin', permissions: ['keys', 'org:read'] })));
    expect((error as ValidationError).problems).toEqual([
      'name: "admin" is a built-in role; choose another name',
      'permissions[0]: "keys" is not a permission (e.g. keys:read)',
    ]);
    expect(() => synth((s) => new CustomRole(s, 'r', { name: 'empty-role', permissions: [] }))).toThrow(/permissions: must hold at least one permission/);
  });
});
