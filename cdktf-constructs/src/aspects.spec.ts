// Unit tests of the policy aspects: each rule passes a compliant stack and fails synthesis
// of a violating one, naming the construct path and the rule; all violations of a stack
// are reported in one run; `level: 'warning'` reports without failing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, TerraformStack, Testing, type IAspect } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { ApiKey as ApiKeyResource } from '../generated/providers/warden/api-key/index.ts';
import { writeFileSync } from 'node:fs';
import {
  CustomRole,
  ForbiddenRoles,
  LabelNamingRule,
  MaxKeyTtl,
  NoNonExpiringKeys,
  Organization,
  PolicyFileError,
  RequireDescriptions,
  ServiceAccount,
  WardenPolicy,
  WardenProvider,
  policyViolations,
  wardenPolicySchema,
  type AddKeyOptions,
} from './index.ts';

type Build = (stack: TerraformStack) => void;

/** A stack under a real App, as `cdktf synth` builds it. */
function appStack(build: Build, aspects: IAspect[]): { app: App; stack: TerraformStack } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'warden-aspects-')) });
  const stack = new TerraformStack(app, 'test');
  new WardenProvider(stack);
  build(stack);
  for (const aspect of aspects) {
    Aspects.of(stack).add(aspect);
  }
  return { app, stack };
}

/** The error of a real `app.synth()` — what `cdktf synth`/`deploy` run — or undefined. */
function synthError(build: Build, ...aspects: IAspect[]): string | undefined {
  try {
    appStack(build, aspects).app.synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const account =
  (opts: { name?: string; description?: string; roles?: string[]; grants?: string[]; key?: Partial<AddKeyOptions> } = {}): Build =>
  (s) => {
    const sa = new ServiceAccount(s, 'sa', { name: opts.name ?? 'ci-prod', description: opts.description ?? 'CI.', roles: opts.roles });
    for (const role of opts.grants ?? []) {
      sa.grant(role);
    }
    sa.addKey({ label: 'ci-prod', description: 'Deploys.', ttl: '30d', ...opts.key });
  };

describe('policy aspects', () => {
  it.each([
    [
      'MaxKeyTtl',
      () => new MaxKeyTtl('90d'),
      account({ key: { ttl: '90d' } }),
      account({ key: { ttl: '180d' } }),
      '[test/sa/key-ci-prod] [policy MaxKeyTtl] ttl 180d exceeds the maximum 90d; shorten ttl',
    ],
    [
      'MaxKeyTtl (never expires)',
      () => new MaxKeyTtl('90d'),
      account({ key: { ttl: '2160h' } }),
      account({ key: { ttl: undefined } }),
      '[test/sa/key-ci-prod] [policy MaxKeyTtl] the key never expires, above the maximum ttl 90d',
    ],
    [
      'NoNonExpiringKeys',
      () => new NoNonExpiringKeys(),
      account(),
      account({ key: { ttl: undefined } }),
      '[test/sa/key-ci-prod] [policy NoNonExpiringKeys] the key never expires; set ttl (e.g. "90d")',
    ],
    [
      'ForbiddenRoles (set)',
      () => new ForbiddenRoles(['admin'], { allow: ['bootstrap-admin'] }),
      account({ name: 'bootstrap-admin', roles: ['admin'] }),
      account({ roles: ['reader', 'admin'] }),
      '[test/sa] [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-prod" (only for bootstrap-admin)',
    ],
    [
      'ForbiddenRoles (grant)',
      () => new ForbiddenRoles(['admin']),
      account({ grants: ['member'] }),
      account({ grants: ['admin'] }),
      '[test/sa] [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-prod"',
    ],
    [
      'RequireDescriptions (account)',
      () => new RequireDescriptions(),
      account(),
      account({ description: ' ' }),
      '[test/sa] [policy RequireDescriptions] the service account has no description; say what it is for',
    ],
    [
      'RequireDescriptions (key)',
      () => new RequireDescriptions(),
      account(),
      account({ key: { description: undefined } }),
      '[test/sa/key-ci-prod] [policy RequireDescriptions] the API key has no description; say what it is for',
    ],
    [
      'LabelNamingRule',
      () => new LabelNamingRule(/^[a-z]+-(dev|prod)$/g),
      account(),
      account({ key: { label: 'whatever' } }),
      '[test/sa/key-whatever] [policy LabelNamingRule] label "whatever" does not match /^[a-z]+-(dev|prod)$/',
    ],
  ])('%s: passes a compliant stack and fails synthesis naming the construct and the rule', (_name, aspect, good, bad, message) => {
    expect(synthError(good, aspect())).toBeUndefined();
    const error = synthError(bad, aspect());
    expect(error).toContain('Encountered Annotations with level "ERROR"');
    expect(error).toContain(message);
  });

  it('reports every violation of the stack in one synthesis, once each', () => {
    const build: Build = (s) => {
      account({ roles: ['admin'], key: { ttl: undefined, label: 'forever' } })(s);
      new ServiceAccount(s, 'other', { name: 'other-bot' }).addKey({ label: 'x', ttl: '365d' });
    };
    const { stack } = appStack(build, [new MaxKeyTtl('90d'), new NoNonExpiringKeys(), new ForbiddenRoles(['admin']), new RequireDescriptions()]);
    Testing.synth(stack);
    Testing.synth(stack); // aspects run twice: still one report each
    expect(policyViolations(stack).sort()).toEqual([
      '[test/other/key-x] [policy MaxKeyTtl] ttl 365d exceeds the maximum 90d; shorten ttl',
      '[test/other/key-x] [policy RequireDescriptions] the API key has no description; say what it is for',
      '[test/other] [policy RequireDescriptions] the service account has no description; say what it is for',
      '[test/sa/key-forever] [policy MaxKeyTtl] the key never expires, above the maximum ttl 90d; set ttl to 90d or less',
      '[test/sa/key-forever] [policy NoNonExpiringKeys] the key never expires; set ttl (e.g. "90d")',
      '[test/sa] [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-prod"',
    ]);
    expect(() => Testing.fullSynth(stack)).toThrow(/Encountered Annotations with level "ERROR"/);
  });

  it('only warns at level "warning"', () => {
    const { app, stack } = appStack(account({ key: { ttl: '180d' } }), [new MaxKeyTtl('90d', { level: 'warning' })]);
    expect(() => app.synth()).not.toThrow();
    expect(policyViolations(stack)).toEqual([]);
    expect(policyViolations(stack, true)).toEqual(['[test/sa/key-ci-prod] [policy MaxKeyTtl] ttl 180d exceeds the maximum 90d; shorten ttl']);
  });

  it('checks resources made with the generated bindings directly, at their own path', () => {
    const error = synthError((s) => new ApiKeyResource(s, 'raw', { serviceAccountId: 'sa_x', label: 'raw' }), new NoNonExpiringKeys());
    expect(error).toContain('[test/raw] [policy NoNonExpiringKeys] the key never expires');
  });

  it('checks accounts declared by an Organization document', () => {
    const error = synthError(
      (s) =>
        new Organization(s, 'acme', {
          serviceAccounts: [
            { name: 'automation-admin', description: 'Automation.', roles: ['admin'] },
            { name: 'ci-prod', description: 'CI.', roles: ['admin'] },
          ],
        }),
      new ForbiddenRoles(['admin'], { allow: ['automation-admin'] }),
    );
    expect(error).toContain(
      '[test/acme/ci-prod] [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-prod" (only for automation-admin)',
    );
    expect(error).not.toContain('automation-admin] [policy');
  });

  it('refuses a malformed maximum when the aspect is made', () => {
    expect(() => new MaxKeyTtl('3 months')).toThrow(/MaxKeyTtl: "3 months" is not a duration/);
  });

  it('ForbiddenRoles judges a custom role by its permissions, whether passed as a construct or by name', () => {
    const build =
      (permissions: string[], byName = false): Build =>
      (s) => {
        const role = new CustomRole(s, 'granter', { name: 'granter', permissions });
        new ServiceAccount(s, 'sa', { name: 'ci-prod', description: 'CI.' }).grant(byName ? 'granter' : role);
      };
    const message =
      '[test/sa] [policy ForbiddenRoles] custom role "granter" holds role_assignments:write, which manage permissions like admin: not allowed for service account "ci-prod"';
    expect(synthError(build(['org:read', 'role_assignments:write']), new ForbiddenRoles(['admin']))).toContain(message);
    expect(synthError(build(['org:read', 'role_assignments:write'], true), new ForbiddenRoles(['admin']))).toContain(message);
    expect(synthError(build(['org:read', 'keys:read']), new ForbiddenRoles(['admin']))).toBeUndefined();
    // Allowed accounts may hold it; forbidding only other roles leaves management permissions alone unless asked.
    expect(synthError(build(['role_assignments:write']), new ForbiddenRoles(['admin'], { allow: ['ci-prod'] }))).toBeUndefined();
    expect(synthError(build(['role_assignments:write']), new ForbiddenRoles(['member']))).toBeUndefined();
    expect(synthError(build(['keys:write']), new ForbiddenRoles(['member'], { permissions: ['keys:write'] }))).toContain(
      'custom role "granter" holds keys:write',
    );
  });
});

describe('WardenPolicy (warden-policy.yaml)', () => {
  const policyFile = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'warden-policy-')), 'warden-policy.yaml');
    writeFileSync(path, text);
    return path;
  };

  it('adds the aspects the file implies: failing rules fail synthesis, the others warn', () => {
    const path = policyFile('fail_on: [escalation, non-expiring]\nmax_ttl: 30d\nallow_admin: [automation-admin]\nsynth:\n  label_pattern: "^ci-"\n');
    const { app, stack } = appStack(account({ roles: ['admin'], key: { ttl: '60d' } }), []);
    WardenPolicy.apply(stack, path);
    expect(() => app.synth()).toThrow(
      /\[test\/sa\] \[policy ForbiddenRoles\] role "admin" is not allowed for service account "ci-prod" \(only for automation-admin\)/,
    );
    expect(policyViolations(stack).sort()).toEqual([
      '[test/sa] [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-prod" (only for automation-admin)',
    ]);
    // ttl-above-limit is not in fail_on: a warning; label_pattern (synth) is an error... the label matches here.
    expect(policyViolations(stack, true)).toContain('[test/sa/key-ci-prod] [policy MaxKeyTtl] ttl 60d exceeds the maximum 30d; shorten ttl');
  });

  it('defaults to failing on the high-severity rules, like warden review', () => {
    const policy = WardenPolicy.fromObject({});
    expect(policy.aspects.map((a) => a.rule)).toEqual(['MaxKeyTtl', 'NoNonExpiringKeys', 'ForbiddenRoles']);
    expect(synthError(account({ key: { ttl: '180d' } }), ...policy.aspects)).toContain('[policy MaxKeyTtl] ttl 180d exceeds the maximum 90d');
  });

  it('validates the file against the published schema, naming the field', () => {
    expect(() => WardenPolicy.fromFile(policyFile('max_ttl: 3 months\n'))).toThrow(PolicyFileError);
    expect(() => WardenPolicy.fromFile(policyFile('max_ttl: 3 months\n'))).toThrow(/warden-policy\.yaml max_ttl: must match pattern/);
    expect(() => WardenPolicy.fromFile(policyFile('synth:\n  typo: true\n'))).toThrow(/synth: must NOT have additional properties "typo"/);
    expect(() => WardenPolicy.fromFile(policyFile('synth:\n  label_pattern: "("\n'))).toThrow(/synth\.label_pattern: not a valid regular expression/);
    expect(wardenPolicySchema.$id).toMatch(/warden-policy\.schema\.json$/);
  });
});
