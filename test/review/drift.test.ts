// audit-drift: declared accounts and keys from a raw state, `terraform show -json` of a
// state, or the desired-state document; every finding against a fake live inventory;
// the three formats and the exit codes of the command.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDrift } from '../../review/drift.ts';
import { readDeclaredDocument, readDeclaredState } from '../../review/drift-input.ts';
import type { LiveInventory } from '../../review/live.ts';
import { DRIFT_RULES } from '../../review/model.ts';
import { applyDriftPolicy, DEFAULT_DRIFT_POLICY, parseRules } from '../../review/policy.ts';
import { fixture, LIVE_ENV, PLANTED, runCli } from './helpers.ts';

const NOW = '2026-11-22T12:00:00.000Z';
const key = (id: string, account: string, label: string, extra: Partial<LiveInventory['keys'][number]> = {}): LiveInventory['keys'][number] => ({
  id,
  service_account_id: account,
  label,
  prefix: 'wdn_Abcdefgh',
  status: 'active',
  created_at: '2026-11-01T00:00:00Z',
  expires_at: '2027-02-01T00:00:00Z',
  last_used_at: '2026-11-22T11:00:00Z',
  ...extra,
});

function inventory(): LiveInventory {
  return {
    now: new Date(NOW),
    accounts: [
      { id: 'sa_cideployer000000000a', name: 'ci-deployer', disabled: false },
      { id: 'sa_oldbot0000000000000b', name: 'old-bot', disabled: true },
      { id: 'sa_handmade00000000000c', name: 'hand-made', disabled: false },
      { id: 'sa_bootstrap0000000000d', name: 'bootstrap-admin', disabled: false },
    ],
    keys: [
      key('key_ci000000000000000000', 'sa_cideployer000000000a', 'github-actions', { expires_at: '2026-11-25T00:00:00Z' }),
      key('key_sneaky00000000000000', 'sa_cideployer000000000a', 'sneaky'),
      key('key_legacy00000000000000', 'sa_oldbot0000000000000b', 'legacy', { last_used_at: null, created_at: '2026-09-01T00:00:00Z' }),
      key('key_hand0000000000000000', 'sa_handmade00000000000c', 'laptop'),
      key('key_boot0000000000000000', 'sa_bootstrap0000000000d', 'bootstrap', { last_used_at: '2026-01-01T00:00:00Z', expires_at: null }),
      key('key_gone0000000000000000', 'sa_cideployer000000000a', 'gone', { status: 'revoked' }),
    ],
  };
}

const summary = (findings: { rule: string; account: string; key?: string; severity: string }[]) =>
  findings.map((f) => `${f.severity}:${f.rule}:${f.account}${f.key ? `/${f.key}` : ''}`);

describe('declared state', () => {
  it('reads the same ids from a raw state and from terraform show -json, modules included', () => {
    for (const path of [fixture('state.tfstate'), fixture('state-show.json')]) {
      const declared = readDeclaredState(path);
      expect([...declared.accountIds].sort()).toEqual(['sa_cideployer000000000a', 'sa_oldbot0000000000000b']);
      expect([...declared.keyIds].sort()).toEqual(['key_ci000000000000000000', 'key_legacy00000000000000']);
    }
  });

  it('reads names and labels from the desired-state document', () => {
    const declared = readDeclaredDocument(fixture('organization.yaml'));
    expect([...declared.accountNames].sort()).toEqual(['ci-deployer', 'old-bot']);
    expect([...declared.keyLabels]).toEqual(['ci-deployer/github-actions']);
  });

  it('refuses a plan, a missing file and an invalid document', () => {
    expect(() => readDeclaredState(fixture('plan-hcl.json'))).toThrow(/is a plan, not a state/);
    expect(() => readDeclaredState('/nonexistent.tfstate')).toThrow(/cannot read the state/);
    const dir = mkdtempSync(join(tmpdir(), 'warden-drift-'));
    writeFileSync(join(dir, 'bad.yaml'), 'serviceAccounts:\n  - name: Not A Slug\n');
    expect(() => readDeclaredDocument(join(dir, 'bad.yaml'))).toThrow(/serviceAccounts\[0\]\.name/);
  });
});

describe('analyzeDrift', () => {
  it('finds hand-made accounts and keys, expiring and unused keys, disabled accounts with keys', () => {
    const report = analyzeDrift(inventory(), readDeclaredState(fixture('state.tfstate')), DEFAULT_DRIFT_POLICY);
    expect(summary(report.findings)).toEqual([
      'medium:expiring-key:ci-deployer/github-actions',
      'high:unmanaged-key:ci-deployer/sneaky',
      'medium:unmanaged-account:hand-made',
      'medium:disabled-with-keys:old-bot',
      'low:unused-key:old-bot/legacy',
    ]);
    const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, f.message]));
    expect(byRule['unmanaged-account']).toBe('hand-made (sa_handmade00000000000c) exists but is not declared, holding 1 active key(s); import it or delete it');
    expect(byRule['expiring-key']).toBe('key "github-actions" expires in 2d (2026-11-25T00:00:00Z), within 14d');
    expect(byRule['unused-key']).toMatch(/has not been used for 82d \(never used since its creation at 2026-09-01T00:00:00Z\)/);
    expect(report.counts).toEqual({ accounts: 4, activeKeys: 5, retiringKeys: 0, managedAccounts: 2, managedKeys: 2 });
  });

  it('reports a key revoked with a grace period as retiring (info), never unmanaged, and does not fail on it', () => {
    const live = inventory();
    // The old half of a rotation: out of the state already, still active until revoked_at.
    live.keys.push(key('key_old00000000000000000', 'sa_cideployer000000000a', 'github-actions', { revoked_at: '2026-11-22T13:00:00Z' }));
    const report = analyzeDrift(live, readDeclaredState(fixture('state.tfstate')), DEFAULT_DRIFT_POLICY);
    const retiring = report.findings.filter((f) => f.key === 'github-actions' && f.rule !== 'expiring-key');
    expect(summary(retiring)).toEqual(['info:retiring-key:ci-deployer/github-actions']);
    expect(retiring[0]!.message).toMatch(
      /^key "github-actions" \(wdn_\w{8}…\) is retiring until 2026-11-22T13:00:00Z \(revoked with a grace period, 1h left\)$/,
    );
    expect(report.counts.retiringKeys).toBe(1);
    applyDriftPolicy(report.findings, { ...DEFAULT_DRIFT_POLICY, failOn: parseRules('all', DRIFT_RULES, 'x') });
    expect(retiring[0]!.fails).toBe(false);
  });

  it('matches by name and label against a document, and honours the windows and ignored accounts', () => {
    const declared = readDeclaredDocument(fixture('organization.yaml'));
    const report = analyzeDrift(inventory(), declared, { expiringWithin: '1d', unusedFor: '90d', ignoreAccounts: [] });
    expect(summary(report.findings)).toEqual([
      'medium:unmanaged-account:bootstrap-admin',
      'low:unused-key:bootstrap-admin/bootstrap',
      'high:unmanaged-key:ci-deployer/sneaky',
      'medium:unmanaged-account:hand-made',
      'medium:disabled-with-keys:old-bot',
      'high:unmanaged-key:old-bot/legacy',
    ]);
  });
});

describe('warden audit-drift', () => {
  const live = { organization: undefined as never, inventory: async () => inventory() };

  it('exits 1 when findings fail the policy (all by default), 0 when none do', async () => {
    const all = await runCli(['audit-drift', '--state', fixture('state.tfstate')], { env: LIVE_ENV, connection: live });
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/^HIGH {3}unmanaged-key {6}ci-deployer: key "sneaky" .*\[fails policy\]$/m);
    expect(all.stdout).toMatch(/^FAIL: 5 findings fail the policy$/m);
    const narrow = await runCli(['audit-drift', '--state', fixture('state.tfstate'), '--fail-on', 'unused-key', '--unused-for', '365d'], {
      env: LIVE_ENV,
      connection: live,
    });
    expect(narrow.code).toBe(0);
    expect(narrow.stdout).toMatch(/^PASS$/m);
  });

  it('renders Markdown and JSON', async () => {
    const markdown = await runCli(['audit-drift', '--document', fixture('organization.yaml'), '--format', 'markdown'], { env: LIVE_ENV, connection: live });
    expect(markdown.stdout).toMatch(/^<!-- warden-audit-drift -->\n## Warden drift audit\n\n❌ \*\*Fails policy: 6 findings\.\*\*/);
    expect(markdown.stdout).toMatch(
      /^\| 🔴 high \| `unmanaged-key` \| `ci-deployer` \| key "sneaky" \(wdn_Abcdefgh…, key_sneaky00000000000000\) was created outside Terraform and never reviewed \| \*\*fails\*\* \|$/m,
    );
    const json = await runCli(['audit-drift', '--state', fixture('state-show.json'), '--json', '--fail-on', 'unmanaged-account'], {
      env: LIVE_ENV,
      connection: live,
    });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ passed: false, source: { kind: 'state' }, checked_at: NOW });
    expect(report.failures.map((f: { account: string }) => f.account)).toEqual(['hand-made']);
  });

  it('reads the policy file section, and says there is no drift when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-drift-'));
    writeFileSync(
      join(dir, 'policy.yaml'),
      'fail_on: [escalation]\naudit_drift:\n  fail_on: [unmanaged-key]\n  ignore_accounts: [bootstrap-admin, hand-made]\n',
    );
    const clean = {
      organization: undefined as never,
      inventory: async () => ({ ...inventory(), keys: inventory().keys.filter((k) => k.label === 'bootstrap') }),
    };
    const result = await runCli(['audit-drift', '--state', fixture('state.tfstate'), '--policy', join(dir, 'policy.yaml')], {
      env: LIVE_ENV,
      connection: clean,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No drift: everything live is declared, and no key needs attention.');
  });

  it.each([
    ['neither --state nor --document', ['audit-drift'], /give --state .* or --document .*, not both and not neither/],
    ['both', ['audit-drift', '--state', 'x', '--document', 'y'], /give --state .* or --document .*, not both and not neither/],
    ['a missing state', ['audit-drift', '--state', '/nonexistent'], /cannot read the state/],
    ['an unknown rule', ['audit-drift', '--state', 'STATE', '--fail-on', 'escalation'], /"escalation" is not a rule/],
  ])('exits 2 on %s', async (_name, args, message) => {
    const result = await runCli(
      args.map((a) => (a === 'STATE' ? fixture('state.tfstate') : a)),
      { env: LIVE_ENV, connection: live },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 without server access or when the server fails, never quoting a key', async () => {
    const none = await runCli(['audit-drift', '--state', fixture('state.tfstate')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no server endpoint/);
    const failing = { organization: undefined as never, inventory: async () => Promise.reject(new Error(`401 for ${PLANTED[0]}`)) };
    const down = await runCli(['audit-drift', '--state', fixture('state.tfstate')], { env: LIVE_ENV, connection: failing });
    expect(down.code).toBe(2);
    expect(down.stderr).not.toContain(PLANTED[0]);
  });
});
