// The three renderings of a review: what each shows, colour only when asked, a Markdown
// snapshot (in addition to the content assertions), and no secret in any of them.
import { describe, expect, it } from 'vitest';
import { analyzePlan } from '../../review/analyze.ts';
import { applyReviewPolicy, DEFAULT_REVIEW_POLICY } from '../../review/policy.ts';
import { code, cell, wantsColour } from '../../review/render-common.ts';
import { renderReview } from '../../review/render-review.ts';
import { scrub } from '../../review/safe-values.ts';
import { generateToken } from '../../sdk/token.ts';
import { loadPlan, PLANTED } from './helpers.ts';

function reviewed(failOn = ['escalation' as const]) {
  const review = analyzePlan(loadPlan('plan-hcl.json'));
  applyReviewPolicy(review.flags, { ...DEFAULT_REVIEW_POLICY, failOn });
  return review;
}

describe('review rendering', () => {
  it('renders Markdown for a pull-request comment: marker, summary table, findings, collapsible details', () => {
    const markdown = renderReview(reviewed(), 'markdown');
    // The hidden marker comes first, so a bot can find and update its own comment.
    expect(markdown.startsWith('<!-- warden-review -->\n## Warden credential review\n')).toBe(true);
    expect(markdown).toMatch(/^❌ \*\*Fails policy: 3 findings\.\*\* Plan of 2026-11-22 11:00:00 UTC\.$/m);
    expect(markdown).toMatch(/^\| Service accounts changed \| 5 \|$/m);
    expect(markdown).toMatch(/^\| Flags \| 🔴 5 high · 🟠 1 medium · ⚪ 3 low \|$/m);
    expect(markdown).toMatch(/^\| Failing the policy \| \*\*3\*\* \|$/m);
    expect(markdown).toMatch(/^<details><summary><b>ci-deployer<\/b>: 8 changes, 4 flags<\/summary>$/m);
    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
    expect(markdown).toContain(
      '- 🔁 **key rotated** `github-actions` — replaced because its ttl changed; expiry 2027-01-21 → ≈ 2027-01-21; old key wdn_wwIwnIi9… keeps working for 1h',
    );
    expect(markdown).toContain('- ➖ **account deleted** `old-bot`');
    expect(markdown).toMatch(/^\| `auditor` \| updated \| \+role_assignments:write \|$/m);
    expect(markdown).toMatch(
      /^\| 🔴 high \| `escalation` \| `ci-deployer` \| ci-deployer is granted "admin", which is full control of the organization \| `warden_role_assignment.ci_admin` \| \*\*fails\*\* \|$/m,
    );
    expect(markdown).toMatch(/^\| ⚪ low \| `delete-in-use` \| `old-bot` \| .* \| reported \|$/m);
    expect(markdown).toMatchSnapshot();
  });

  it('renders JSON for tools', () => {
    const json = JSON.parse(renderReview(reviewed(), 'json'));
    expect(json).toMatchObject({
      schema_version: 1,
      passed: false,
      plan: { terraform_version: '1.11.4', timestamp: '2026-11-22T11:00:00Z' },
      summary: { accounts: 5, flags: 9, failures: 3 },
    });
    expect(json.failures.map((f: { account: string }) => f.account).sort()).toEqual(['ci-deployer', 'ops-bot', 'role auditor']);
    expect(json.accounts[0].changes[0]).toMatchObject({ kind: 'role-granted', subject: 'admin', address: 'warden_role_assignment.ci_admin' });
    const passing = JSON.parse(renderReview(reviewed([]), 'json'));
    expect(passing.passed).toBe(true);
  });

  it('renders a terminal summary, coloured only when asked', () => {
    const plain = renderReview(reviewed(), 'text');
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toMatch(/^ci-deployer$/m);
    expect(plain).toMatch(/^ {2}\+ role granted {5}admin/m);
    expect(plain).toMatch(/^ {2}HIGH {3}escalation .*\[fails policy\]$/m);
    expect(plain).toMatch(/^FAIL: 3 findings fail the policy/m);
    const coloured = renderReview(reviewed(), 'text', { colour: true });
    expect(coloured).toMatch(/\u001b\[31mHIGH/);
    expect(renderReview(reviewed([]), 'text')).toMatch(/^PASS \(5 service accounts · 19 changes · 1 custom role · 9 flags\)$/m);
  });

  it('says so when the plan changes no credential', () => {
    const review = analyzePlan(loadPlan('plan-no-changes.json'));
    expect(renderReview(review, 'text')).toContain('No credential changes in this plan.');
    expect(renderReview(review, 'markdown')).toContain('This plan changes no service account, key, role or role assignment.');
  });

  it('decides colour from the stream and NO_COLOR', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
  });

  it('never prints a secret, in any format, even when labels and names carry one', () => {
    const planted = generateToken();
    const plan = loadPlan('plan-hcl.json');
    const forever = plan.resource_changes!.find((rc) => rc.address === 'warden_api_key.forever')!;
    forever.change.after = { ...forever.change.after, label: `oops-${planted}`, description: planted };
    const fresh = plan.resource_changes!.find((rc) => rc.address === 'warden_service_account.fresh')!;
    fresh.change.after = { ...fresh.change.after, name: planted };
    const review = analyzePlan(plan);
    for (const format of ['text', 'markdown', 'json', 'sarif', 'junit'] as const) {
      const out = renderReview(review, format, { colour: true });
      for (const secret of [planted, ...PLANTED]) {
        expect(out).not.toContain(secret);
        expect(out).not.toContain(secret.slice(4, 30));
      }
      expect(out).toContain('wdn_[redacted]');
    }
  });

  it('scrubs token-shaped text but keeps public prefixes and escapes Markdown', () => {
    expect(scrub(`a ${PLANTED[0]} b wdn_Leg4cyAB… c`)).toBe('a wdn_[redacted] b wdn_Leg4cyAB… c');
    expect(code('a`b')).toBe('`aˋb`');
    expect(cell('a|b<script>')).toBe('a\\|b&lt;script&gt;');
  });
});
