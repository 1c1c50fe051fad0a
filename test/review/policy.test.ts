// Policies: the file (YAML or JSON, review keys and an audit_drift section), flags that
// override it, typos that are errors, and which flags become failures.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../review/errors.ts';
import type { Flag } from '../../review/model.ts';
import { applyReviewPolicy, DEFAULT_DRIFT_POLICY, DEFAULT_REVIEW_POLICY, driftPolicy, parsePolicy, reviewPolicy } from '../../review/policy.ts';

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
    expect(reviewPolicy(file, {})).toEqual({ failOn: ['escalation', 'non-expiring'], maxTtl: '30d', allowAdmin: ['automation-admin'], inUseWithin: '30d', failUnverified: false });
    expect(driftPolicy(file, {})).toEqual({ failOn: ['unmanaged-key'], expiringWithin: '14d', unusedFor: '60d', ignoreAccounts: ['bootstrap-admin', 'break-glass'] });
    const json = parsePolicy(JSON.stringify({ fail_on: 'all', fail_unverified: true }), 'policy.json');
    expect(reviewPolicy(json, {})).toMatchObject({ failOn: ['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'revoke-in-use', 'disable-in-use', 'rotation-without-grace'], failUnverified: true });
  });

  it('lets flags override the file, and has defaults', () => {
    const file = parsePolicy(yaml, 'policy.yaml');
    expect(reviewPolicy(file, { failOn: 'none', maxTtl: '7d', allowAdmin: 'a,b' })).toMatchObject({ failOn: [], maxTtl: '7d', allowAdmin: ['a', 'b'] });
    expect(reviewPolicy(parsePolicy('', 'empty.yaml'), {})).toEqual(DEFAULT_REVIEW_POLICY);
    // High-severity rules fail by default; the drift audit fails on everything but retiring keys (info).
    expect(DEFAULT_REVIEW_POLICY.failOn).toEqual(['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'revoke-in-use', 'disable-in-use']);
    expect(DEFAULT_DRIFT_POLICY.failOn).not.toContain('retiring-key');
    expect(driftPolicy(parsePolicy('', 'empty.yaml'), {})).toEqual(DEFAULT_DRIFT_POLICY);
    expect(driftPolicy(file, { failOn: 'expiring-key,unused-key', expiringWithin: '3d' })).toMatchObject({ failOn: ['expiring-key', 'unused-key'], expiringWithin: '3d' });
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
