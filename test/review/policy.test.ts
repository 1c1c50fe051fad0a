// Policies: the file (YAML or JSON, review keys and an audit_drift section), flags that
// override it, typos that are errors, and which flags become failures.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../review/errors.ts';
import type { Flag } from '../../review/model.ts';
import { applyReviewPolicy, DEFAULT_DRIFT_POLICY, DEFAULT_REVIEW_POLICY, driftPolicy, loadPolicyFile, parsePolicy, reviewPolicy } from '../../review/policy.ts';

const yaml = `
fail_on: [escalation, non-expiring]
max_ttl: 30d
allow_admin: [automation-admin]
audit_drift:
  fail_on: [unmanaged-key]
  unused_for: 60d
  ignore_accounts: [bootstrap-admin, break-glass]
`;

describe('policy', () => {
  it('reads YAML and JSON alike', () => {
    const file = parsePolicy(yaml, 'policy.yaml');
    expect(reviewPolicy(file, {})).toEqual({
      failOn: ['escalation', 'non-expiring'],
      maxTtl: '30d',
      allowAdmin: ['automation-admin'],
      inUseWithin: '30d',
      failUnverified: false,
    });
    expect(driftPolicy(file, {})).toEqual({
      failOn: ['unmanaged-key'],
      expiringWithin: '14d',
      unusedFor: '60d',
      ignoreAccounts: ['bootstrap-admin', 'break-glass'],
    });
    const json = parsePolicy(JSON.stringify({ fail_on: 'all', fail_unverified: true }), 'policy.json');
    expect(reviewPolicy(json, {})).toMatchObject({
      failOn: ['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'revoke-in-use', 'disable-in-use', 'rotation-without-grace'],
      failUnverified: true,
    });
  });

  it('lets flags override the file, and has defaults', () => {
    const file = parsePolicy(yaml, 'policy.yaml');
    expect(reviewPolicy(file, { failOn: 'none', maxTtl: '7d', allowAdmin: 'a,b' })).toMatchObject({ failOn: [], maxTtl: '7d', allowAdmin: ['a', 'b'] });
    expect(reviewPolicy(parsePolicy('', 'empty.yaml'), {})).toEqual(DEFAULT_REVIEW_POLICY);
    // High-severity rules fail by default; the drift audit fails on everything but retiring keys (info).
    expect(DEFAULT_REVIEW_POLICY.failOn).toEqual(['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'revoke-in-use', 'disable-in-use']);
    expect(DEFAULT_DRIFT_POLICY.failOn).not.toContain('retiring-key');
    expect(driftPolicy(parsePolicy('', 'empty.yaml'), {})).toEqual(DEFAULT_DRIFT_POLICY);
    expect(driftPolicy(file, { failOn: 'expiring-key,unused-key', expiringWithin: '3d' })).toMatchObject({
      failOn: ['expiring-key', 'unused-key'],
      expiringWithin: '3d',
    });
  });

  it.each([
    ['fail_on: [everything]', /"everything" is not a rule/],
    ['max_ttl: 3 months', /max_ttl: "3 months" is not a duration/],
    ['fail_on_typo: [escalation]', /unknown key "fail_on_typo"/],
    ['audit_drift: { unused: 3d }', /audit_drift: unknown key "unused"/],
    ['fail_unverified: yes please', /fail_unverified: expected true or false/],
    ['- just a list', /expected a mapping/],
    ['fail_on: [escalation', /not valid YAML or JSON/],
  ])('rejects %s', (text, message) => {
    expect(() => parsePolicy(text, 'policy.yaml')).toThrow(InputError);
    expect(() => parsePolicy(text, 'policy.yaml')).toThrow(message);
  });

  it('rejects bad flag values naming the flag', () => {
    expect(() => reviewPolicy(parsePolicy('', 'p'), { maxTtl: '90' })).toThrow(/--max-ttl: "90" is not a duration/);
    expect(() => reviewPolicy(parsePolicy('', 'p'), { failOn: 'escalation,unused-key' })).toThrow(/--fail-on: "unused-key" is not a rule/);
    expect(() => driftPolicy(parsePolicy('', 'p'), { failOn: 'escalation' })).toThrow(/--fail-on: "escalation" is not a rule/);
  });

  it('fails on listed rules; "cannot verify" flags only when failing closed', () => {
    const flags = (): Flag[] => [
      { rule: 'escalation', severity: 'high', account: 'a', message: '', address: 'x' },
      { rule: 'delete-in-use', severity: 'low', account: 'b', message: '', address: 'y' },
      { rule: 'non-expiring', severity: 'high', account: 'c', message: '', address: 'z' },
    ];
    const policy = { ...DEFAULT_REVIEW_POLICY, failOn: ['escalation' as const, 'delete-in-use' as const] };
    expect(applyReviewPolicy(flags(), policy).map((f) => f.account)).toEqual(['a']);
    expect(applyReviewPolicy(flags(), { ...policy, failUnverified: true }).map((f) => f.account)).toEqual(['a', 'b']);
    const marked = flags();
    applyReviewPolicy(marked, policy);
    expect(marked.map((f) => f.fails)).toEqual([true, false, false]);
  });
});

describe('warden-policy.yaml schema', () => {
  it.each([
    ['audit_drift: { expiring_within: soon }', /policy\.yaml audit_drift\.expiring_within: "soon" is not a duration/],
    ['allow_admin: 5', /policy\.yaml allow_admin: expected a list/],
    ['synth: { require_descriptions: maybe }', /policy\.yaml synth\.require_descriptions: expected true or false/],
    ['synth: { forbidden: [admin] }', /policy\.yaml synth: unknown key "forbidden" \(expected forbidden_roles, require_descriptions, label_pattern\)/],
    ['synth: { label_pattern: "(" }', /synth\.label_pattern: not a valid regular expression/],
    ['fail_on: "escalation,oops"', /policy\.yaml fail_on: "escalation,oops" is not a list of rules/],
  ])('names the field: %s', (text, message) => {
    expect(() => parsePolicy(text, 'policy.yaml')).toThrow(message);
  });

  it('reports every bad field at once', () => {
    const both = () => parsePolicy('max_ttl: forever\nfail_unverified: 1\n', 'p.yaml');
    expect(both).toThrow(/p\.yaml max_ttl: "forever" is not a duration/);
    expect(both).toThrow(/p\.yaml fail_unverified: expected true or false/);
  });

  it('reads the synth section, and the example policy is valid', () => {
    const file = parsePolicy('synth:\n  forbidden_roles: [admin, member]\n  require_descriptions: true\n  label_pattern: "^ci-"\n', 'p.yaml');
    expect(file.synth).toEqual({ forbiddenRoles: ['admin', 'member'], requireDescriptions: true, labelPattern: '^ci-' });
    const example = loadPolicyFile(join(dirname(fileURLToPath(import.meta.url)), '../../examples/gitops/warden-policy.yaml'));
    expect(example.review.failOn).toContain('escalation');
  });

  it('is the same schema the CDKTF constructs publish', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
    expect(JSON.parse(readFileSync(join(root, 'cdktf-constructs/warden-policy.schema.json'), 'utf8'))).toEqual(
      JSON.parse(readFileSync(join(root, 'review/warden-policy.schema.json'), 'utf8')),
    );
  });
});
