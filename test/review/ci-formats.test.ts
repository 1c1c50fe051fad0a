// SARIF, JUnit and JSON outputs of review and audit-drift, from the fixture plan: SARIF
// valid against the SARIF 2.1.0 schema with file/line or construct-path locations,
// JUnit parsed by a real XML parser, JSON valid against review.schema.json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePlan } from '../../review/analyze.ts';
import { loadCdktfMetadata } from '../../review/cdktf.ts';
import { analyzeDrift } from '../../review/drift.ts';
import { configAddress, terraformLocator } from '../../review/locations.ts';
import type { PlanJson } from '../../review/plan-types.ts';
import { readDeclaredState } from '../../review/drift-input.ts';
import { applyDriftPolicy, applyReviewPolicy, DEFAULT_DRIFT_POLICY, DEFAULT_REVIEW_POLICY } from '../../review/policy.ts';
import { renderDrift } from '../../review/render-drift.ts';
import { renderReview } from '../../review/render-review.ts';
import { xml } from '../../review/render-junit.ts';
import { fixture, loadPlan } from './helpers.ts';
import { parseJunit, reviewJsonErrors, sarifErrors } from './formats.ts';

function reviewed() {
  const review = analyzePlan(loadPlan('plan-hcl.json'), {
    locate: (address) => (address === 'warden_role_assignment.ci_admin' ? { file: 'infra/main.tf', line: 12 } : undefined),
  });
  applyReviewPolicy(review.flags, DEFAULT_REVIEW_POLICY);
  return review;
}

describe('SARIF', () => {
  it('is a valid SARIF 2.1.0 log with rules, levels and locations', () => {
    const log = JSON.parse(renderReview(reviewed(), 'sarif'));
    expect(sarifErrors(log)).toEqual([]);
    // The validator does reject what is not SARIF (a run without its tool, a bad level).
    expect(sarifErrors({ version: '2.1.0', runs: [{ results: [] }] })).not.toEqual([]);
    expect(sarifErrors({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).not.toEqual([]);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('warden review');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('revoke-in-use');
    const admin = run.results.find((r: { message: { text: string } }) => r.message.text.includes('"admin"'));
    expect(admin).toMatchObject({
      ruleId: 'escalation',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'infra/main.tf' }, region: { startLine: 12 } } }],
    });
    expect(run.tool.driver.rules[admin.ruleIndex].id).toBe('escalation');
    // Reported but not failing: warning; cannot verify: note.
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'rotation-without-grace').level).toBe('warning');
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'delete-in-use').level).toBe('note');
    expect(run.results).toHaveLength(9);
  });

  it('locates CDKTF findings by construct path and their line in cdk.tf.json', () => {
    const cdktf = loadCdktfMetadata(fixture('cdktf-stack/cdk.tf.json'), undefined)!;
    const review = analyzePlan(loadPlan('cdktf-stack/plan.json'), { cdktf, locate: cdktf.locate, maxTtl: '30d' });
    const log = JSON.parse(renderReview(review, 'sarif'));
    expect(sarifErrors(log)).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('org-bootstrap/acme/ci-canary/key-canary/key');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/test\/review\/fixtures\/cdktf-stack\/cdk\.tf\.json$/);
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });

  it('is valid for audit-drift too', () => {
    const report = analyzeDrift(
      { now: new Date('2026-11-22T12:00:00Z'), accounts: [{ id: 'sa_x', name: 'hand-made', disabled: false }], keys: [] },
      readDeclaredState(fixture('state.tfstate')),
      DEFAULT_DRIFT_POLICY,
    );
    applyDriftPolicy(report.findings, DEFAULT_DRIFT_POLICY);
    const log = JSON.parse(renderDrift(report, 'sarif'));
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([expect.objectContaining({ ruleId: 'unmanaged-account', level: 'error' })]);
  });
});

describe('JUnit', () => {
  it('parses as JUnit XML: one failure per failing flag, skipped for unverified, a passing case per quiet rule', () => {
    const { suites, cases } = parseJunit(renderReview(reviewed(), 'junit'));
    expect(suites).toEqual({ name: 'warden review', tests: 10, failures: 5, skipped: 3 });
    const failing = cases.filter((c) => c.failure);
    expect(failing.map((c) => c.classname).sort()).toEqual(
      ['warden.review.escalation', 'warden.review.escalation', 'warden.review.escalation', 'warden.review.non_expiring', 'warden.review.ttl_above_limit']
        .map((c) => c.replace(/_/g, '-'))
        .sort(),
    );
    const admin = failing.find((c) => c.name.includes('"admin"'))!;
    expect(admin).toMatchObject({ file: 'infra/main.tf', line: '12', failure: { type: 'escalation' } });
    expect(cases.find((c) => c.classname === 'warden.review.revoke-in-use')!.name).toMatch(/^revoke-in-use: no findings/);
  });

  it('escapes what would break XML', () => {
    expect(xml('a<b>&"c\'\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});

describe('review JSON', () => {
  it('matches review.schema.json', () => {
    const output = JSON.parse(renderReview(reviewed(), 'json'));
    expect(reviewJsonErrors(output)).toEqual([]);
    expect(output.schema_version).toBe(1);
    expect(reviewJsonErrors({ ...output, schema_version: 2 })).not.toEqual([]);
    expect(reviewJsonErrors({ ...output, flags: [{ ...output.flags[0], rule: 'made-up' }] })).not.toEqual([]);
  });
});

describe('source locations', () => {
  it('finds resource blocks in the working directory and its local modules, relative to the repository root', () => {
    const repo = mkdtempSync(join(tmpdir(), 'warden-repo-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'infra', 'modules', 'team'), { recursive: true });
    writeFileSync(
      join(repo, 'infra', 'main.tf'),
      'module "team" {\n  source = "./modules/team"\n}\n\nresource "warden_service_account" "ci" {\n  name = "ci"\n}\n',
    );
    writeFileSync(join(repo, 'infra', 'modules', 'team', 'keys.tf'), '# keys\nresource "warden_api_key" "k" {\n  label = "x"\n}\n');
    const plan = { configuration: { root_module: { module_calls: { team: { source: './modules/team', module: {} } } } } } as PlanJson;
    const locate = terraformLocator(plan, join(repo, 'infra'), join(repo, 'infra'));
    expect(locate('warden_service_account.ci')).toEqual({ file: 'infra/main.tf', line: 5 });
    expect(locate('module.team["a"].warden_api_key.k[0]')).toEqual({ file: 'infra/modules/team/keys.tf', line: 2 });
    expect(locate('warden_api_key.missing')).toBeUndefined();
    expect(configAddress('module.a["x.y"].warden_api_key.k["b"]')).toBe('module.a.warden_api_key.k');
  });
});
