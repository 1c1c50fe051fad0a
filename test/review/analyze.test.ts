// The analysis core on plan fixtures in `terraform show -json` format: every change kind
// per service account, account resolution (prior state, configuration references,
// module variables, for_each, cdk.tf.json), and every flag with its severity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzePlan, liveNeeds } from '../../review/analyze.ts';
import { parseCdktfJson } from '../../review/cdktf.ts';
import type { LiveFacts } from '../../review/live.ts';
import type { Review } from '../../review/model.ts';
import type { PlanJson } from '../../review/plan-types.ts';
import { fixture, loadPlan } from './helpers.ts';

const kinds = (review: Review, account: string) =>
  review.accounts
    .find((a) => a.account === account)
    ?.changes.map((c) => `${c.kind}:${c.subject}`)
    .sort();
const flagsOf = (review: Review) => review.flags.map((f) => `${f.severity}:${f.rule}:${f.account}`).sort();

describe('analyzePlan on an HCL plan', () => {
  const review = analyzePlan(loadPlan('plan-hcl.json'));

  it('lists every change per service account, by name', () => {
    expect(review.accounts.map((a) => a.account)).toEqual(['ci-deployer', 'fresh-bot', 'old-bot', 'ops-bot', 'paused-bot']);
    expect(kinds(review, 'ci-deployer')).toEqual(
      [
        'role-granted:admin',
        'role-removed:member',
        'key-created:computed-ttl',
        'key-created:forever',
        'key-created:long-lived',
        'key-rotated:batch',
        'key-rotated:github-actions',
        'ttl-changed:github-actions',
      ].sort(),
    );
    expect(kinds(review, 'fresh-bot')).toEqual(['account-created:fresh-bot', 'key-created:fresh', 'role-granted:deployer', 'role-granted:mystery']);
    expect(kinds(review, 'old-bot')).toEqual(['account-deleted:old-bot', 'key-revoked:legacy']);
    expect(kinds(review, 'ops-bot')).toEqual(['account-enabled:ops-bot', 'account-updated:ops-bot', 'role-granted:auditor', 'role-removed:snapshotter']);
    expect(kinds(review, 'paused-bot')).toEqual(['account-disabled:paused-bot']);
  });

  it('gives old and estimated new expiry of a rotated key, and its ttl change', () => {
    const changes = review.accounts.find((a) => a.account === 'ci-deployer')!.changes;
    const ci = changes.find((c) => c.kind === 'key-rotated' && c.subject === 'github-actions')!;
    // ttl 60d from the plan's timestamp 2026-11-22T11:00:00Z.
    expect(ci.expiry).toEqual({ before: '2027-01-21T11:00:00Z', after: '2027-01-21T11:00:00.000Z', afterApproximate: true });
    expect(ci.ttl).toEqual({ before: '90d', after: '60d' });
    expect(ci.detail).toContain('because its ttl changed');
    expect(ci.detail).toContain('expiry 2027-01-21 → ≈ 2027-01-21');
    expect(ci.detail).toContain('old key wdn_wwIwnIi9… keeps working for 1h');
    expect(changes.find((c) => c.kind === 'ttl-changed')!.detail).toBe('ttl 90d → 60d');
    const batch = changes.find((c) => c.kind === 'key-rotated' && c.subject === 'batch')!;
    expect(batch.detail).toMatch(
      /because a rotation trigger changed; expiry 2026-11-22 → ≈ 2026-12-22; old key wdn_PhWSrIS5… revoked at once; destroyed before the new key is created/,
    );
  });

  it('describes creations, revocations, disable/enable and role set diffs', () => {
    const fresh = review.accounts.find((a) => a.account === 'fresh-bot')!.changes;
    expect(fresh.find((c) => c.subject === 'fresh')!.detail).toBe('created, ttl 7d, expires ≈ 2026-11-29, rotates 2d before expiry');
    const ci = review.accounts.find((a) => a.account === 'ci-deployer')!.changes;
    expect(ci.find((c) => c.subject === 'forever')!.detail).toBe('created without ttl: never expires');
    expect(ci.find((c) => c.subject === 'computed-ttl')!.detail).toBe('created, ttl (known after apply)');
    const old = review.accounts.find((a) => a.account === 'old-bot')!.changes;
    // The account goes in the same plan: the key dies with it, whatever grace period it had (issue 11 item 4).
    expect(old.find((c) => c.kind === 'key-revoked')!.detail).toBe(
      'revoked at once with its account (its 10m grace period does not apply: the account is deleted) (wdn_Leg4cyAB…)',
    );
    const ops = review.accounts.find((a) => a.account === 'ops-bot')!.changes;
    expect(ops.find((c) => c.kind === 'account-updated')!.detail).toBe('deletion_protection on, description changed');
    expect(ops.find((c) => c.kind === 'role-granted')!.detail).toBe('granted auditor (role set)');
    expect(review.roles).toEqual([expect.objectContaining({ role: 'auditor', action: 'updated', added: ['role_assignments:write'], removed: [] })]);
  });

  it('raises every flag, with severities', () => {
    expect(flagsOf(review)).toEqual(
      [
        'high:escalation:ci-deployer',
        'high:escalation:ops-bot',
        'high:escalation:role auditor',
        'high:non-expiring:ci-deployer',
        'medium:rotation-without-grace:ci-deployer',
        'high:ttl-above-limit:ci-deployer',
        'low:escalation:fresh-bot',
        'low:delete-in-use:old-bot',
        'low:disable-in-use:paused-bot',
      ].sort(),
    );
    // A ttl only known after apply is not "non-expiring"; a custom role without management permissions is not escalation.
    expect(review.flags.some((f) => f.message.includes('computed-ttl'))).toBe(false);
    expect(review.flags.some((f) => f.message.includes('deployer"'))).toBe(false);
    expect(review.notes.join()).toMatch(/could not be verified/);
  });

  it('honours max_ttl and allowed admin accounts', () => {
    const lenient = analyzePlan(loadPlan('plan-hcl.json'), { maxTtl: '365d', allowAdmin: ['ci-deployer', 'ops-bot'] });
    expect(flagsOf(lenient)).not.toContain('medium:ttl-above-limit:ci-deployer');
    expect(flagsOf(lenient).filter((f) => f.startsWith('high:escalation'))).toEqual(['high:escalation:role auditor']);
    const strict = analyzePlan(loadPlan('plan-hcl.json'), { maxTtl: '30d' });
    expect(
      strict.flags
        .filter((f) => f.rule === 'ttl-above-limit')
        .map((f) => f.message)
        .sort(),
    ).toEqual(['key "github-actions" lives 60d, above the limit of 30d', 'key "long-lived" lives 180d, above the limit of 30d']);
  });
});

describe('live facts', () => {
  const plan = loadPlan('plan-hcl.json');
  const now = new Date('2026-11-22T12:00:00Z');

  it('asks only about deleted accounts and roles the plan does not define', () => {
    expect(liveNeeds(plan)).toEqual({ accountIds: ['sa_oldbot0000000000000b', 'sa_pausedbot00000000000'], roles: ['mystery'], keyIds: [] });
    expect(liveNeeds(loadPlan('plan-no-changes.json'))).toEqual({ accountIds: [], roles: [], keyIds: [] });
  });

  it('flags a deleted account whose key was used recently as high, an idle one not at all', () => {
    const used: LiveFacts = {
      now,
      accounts: new Map([['sa_oldbot0000000000000b', { activeKeys: 1, lastUsedAt: '2026-11-22T11:30:00Z', lastUsedLabel: 'legacy' }]]),
      roles: new Map(),
      keys: new Map(),
    };
    const flag = analyzePlan(plan, { live: used }).flags.find((f) => f.rule === 'delete-in-use')!;
    expect(flag).toMatchObject({ severity: 'high', account: 'old-bot' });
    expect(flag.message).toContain('"legacy" was used at 2026-11-22T11:30:00Z');
    const idle: LiveFacts = {
      now,
      accounts: new Map([['sa_oldbot0000000000000b', { activeKeys: 1, lastUsedAt: '2026-09-01T00:00:00Z' }]]),
      roles: new Map(),
      keys: new Map(),
    };
    expect(analyzePlan(plan, { live: idle }).flags.some((f) => f.rule === 'delete-in-use')).toBe(false);
    expect(analyzePlan(plan, { live: idle, inUseWithin: '90d' }).flags.some((f) => f.rule === 'delete-in-use')).toBe(true);
    const failed: LiveFacts = { now, accounts: new Map([['sa_oldbot0000000000000b', { error: 'HTTP 403 forbidden' }]]), roles: new Map(), keys: new Map() };
    expect(analyzePlan(plan, { live: failed }).flags.find((f) => f.rule === 'delete-in-use')).toMatchObject({
      severity: 'low',
      message: expect.stringContaining('HTTP 403 forbidden'),
    });
  });

  it('judges a role outside the plan by its live permissions', () => {
    const withRole = (permissions: string[] | null): LiveFacts => ({ now, accounts: new Map(), roles: new Map([['mystery', permissions]]), keys: new Map() });
    const escalation = (live: LiveFacts) => analyzePlan(plan, { live }).flags.filter((f) => f.rule === 'escalation' && f.account === 'fresh-bot');
    expect(escalation(withRole(['keys:read']))).toEqual([]);
    expect(escalation(withRole(['keys:read', 'roles:write']))).toEqual([
      expect.objectContaining({ severity: 'high', message: expect.stringContaining('roles:write') }),
    ]);
    expect(escalation(withRole(null))).toEqual([expect.objectContaining({ severity: 'low', message: expect.stringContaining('the apply will fail') })]);
  });
});

describe('account resolution', () => {
  it('follows module variables and for_each keys to accounts created in the same plan', () => {
    const review = analyzePlan(loadPlan('plan-modules.json'));
    expect(kinds(review, 'shared-bot')).toEqual(['account-created:shared-bot', 'key-created:from-module']);
    expect(kinds(review, 'team-beta')).toEqual(['account-created:team-beta', 'key-created:team-key']);
    expect(kinds(review, 'team-alpha')).toEqual(['account-created:team-alpha']);
    // A reference Terraform cannot follow statically is named by the resource, never dropped.
    expect(kinds(review, '(account of warden_role_assignment.orphan)')).toEqual(['role-granted:reader']);
    expect(review.accounts.find((a) => a.account === 'shared-bot')!.changes[1]!.address).toBe('module.keys["x"].warden_api_key.k');
  });

  it('names CDKTF resources by construct path, and falls back to cdk.tf.json references', () => {
    const cdktf = parseCdktfJson(readFileSync(fixture('cdktf-stack/cdk.tf.json'), 'utf8'), 'cdk.tf.json');
    const review = analyzePlan(loadPlan('cdktf-stack/plan.json'), { cdktf, maxTtl: '30d' });
    expect(review.accounts.map((a) => a.account)).toEqual(['ci-canary']);
    const changes = review.accounts[0]!.changes;
    expect(changes.map((c) => `${c.kind}:${c.subject}`)).toEqual([
      'account-created:ci-canary',
      'role-granted:reader',
      'key-created:batch',
      'key-created:canary',
    ]);
    expect(changes.find((c) => c.subject === 'batch')).toMatchObject({
      address: 'warden_api_key.acme_ci-canary_key-batch_key_11AA22BB',
      construct: 'org-bootstrap/acme/ci-canary/key-batch/key',
    });
    expect(review.flags).toEqual([expect.objectContaining({ rule: 'ttl-above-limit', account: 'ci-canary', severity: 'high' })]);
    // Without cdk.tf.json the key whose configuration has no reference cannot be placed.
    const bare = analyzePlan(loadPlan('cdktf-stack/plan.json'));
    expect(bare.accounts.map((a) => a.account)).toEqual(['(account of warden_api_key.acme_ci-canary_key-batch_key_11AA22BB)', 'ci-canary']);
  });

  it('reports a plan without credential changes as empty', () => {
    const review = analyzePlan(loadPlan('plan-no-changes.json'));
    expect(review).toMatchObject({ accounts: [], roles: [], flags: [], notes: [] });
  });

  it('withholds values Terraform marks sensitive', () => {
    const plan = loadPlan('cdktf-stack/plan.json');
    const key = plan.resource_changes!.find((rc) => rc.type === 'warden_api_key')!;
    key.change.after_sensitive = { ...(key.change.after_sensitive as object), label: true };
    const review = analyzePlan(plan);
    expect(review.accounts.flatMap((a) => a.changes).map((c) => c.subject)).toContain('(sensitive)');
  });
});

describe('custom roles planned in the same plan', () => {
  // What terraform plans for `role = warden_role.granter.id`: the role value is unknown until apply.
  const plan = (permissions: string[]): PlanJson => ({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'warden_service_account.a',
        type: 'warden_service_account',
        name: 'a',
        change: { actions: ['no-op'], before: { id: 'sa_a', name: 'role-bot' }, after: { id: 'sa_a', name: 'role-bot' } },
      },
      {
        address: 'warden_role.granter',
        type: 'warden_role',
        name: 'granter',
        change: { actions: ['create'], before: null, after: { name: 'granter', permissions }, after_unknown: { id: true } },
      },
      {
        address: 'warden_role_assignment.g',
        type: 'warden_role_assignment',
        name: 'g',
        change: { actions: ['create'], before: null, after: { service_account_id: 'sa_a' }, after_unknown: { role: true, id: true } },
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: 'warden_role_assignment.g',
            type: 'warden_role_assignment',
            name: 'g',
            expressions: {
              service_account_id: { references: ['warden_service_account.a.id', 'warden_service_account.a'] },
              role: { references: ['warden_role.granter.id', 'warden_role.granter'] },
            },
          },
        ],
      },
    },
  });

  it('follows the reference to the planned role and judges its permissions', () => {
    const flags = analyzePlan(plan(['org:read', 'roles:write'])).flags.map((f) => `${f.severity}:${f.rule}:${f.account}`);
    expect(flags).toEqual(['high:escalation:role granter', 'high:escalation:role-bot']);
    expect(analyzePlan(plan(['org:read'])).flags).toEqual([]);
    expect(analyzePlan(plan(['org:read'])).accounts[0]!.changes).toContainEqual(expect.objectContaining({ kind: 'role-granted', subject: 'granter' }));
  });

  it('follows cdk.tf.json references when the plan has no configuration (CDKTF)', () => {
    const bare = { ...plan(['role_assignments:write']), configuration: undefined };
    const cdktf = parseCdktfJson(
      JSON.stringify({
        resource: { warden_role_assignment: { g: { role: '${warden_role.granter.id}', service_account_id: '${warden_service_account.a.id}' } } },
      }),
      'cdk.tf.json',
    );
    expect(cdktf.roleReferences.get('warden_role_assignment.g')).toEqual(['warden_role.granter.id']);
    expect(analyzePlan(bare, { cdktf }).flags.map((f) => `${f.severity}:${f.rule}:${f.account}`)).toEqual([
      'high:escalation:role granter',
      'high:escalation:role-bot',
    ]);
    // Without either, it can only say it cannot verify.
    expect(analyzePlan(bare).flags.map((f) => `${f.severity}:${f.rule}:${f.account}`)).toEqual(['high:escalation:role granter', 'low:escalation:role-bot']);
  });
});
