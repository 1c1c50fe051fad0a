// The real `cdktf deploy` of examples/org-bootstrap against the real server: the
// organization matches the document (checked through the SDK, not Terraform's state),
// a second deploy changes nothing, edits reconcile exactly, destroy restores the start.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createWardenClient, type WardenClient } from '@wardenhq/sdk';
import { prepareProviderMirror } from '../../scripts/provider-mirror.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { runProcess } from '../helpers/process.ts';
import { terraformBinary } from '../helpers/terraform.ts';

const example = resolve('examples/org-bootstrap');
const work = mkdtempSync(join(tmpdir(), 'warden-cdktf-'));
const documentFile = join(work, 'organization.yaml');
let server: TestServer;
let sdk: WardenClient;
let env: NodeJS.ProcessEnv;

// A private output dir: a synth elsewhere must not leave a .terraform this run inherits.
const cdktf = (args: string[]) => runProcess(resolve('node_modules/.bin/cdktf'), [...args, '--output', join(work, 'cdktf.out')], { cwd: example, env });

async function deploy(): Promise<string> {
  const result = await cdktf(['deploy', '--auto-approve', '--skip-provider-lock']);
  expect(result.code, result.output).toBe(0);
  return result.output;
}

async function snapshot() {
  const accounts: Record<string, { disabled: boolean; roles: string[]; keys: { label: string; ttlDays: number | null }[] }> = {};
  for await (const sa of sdk.serviceAccounts.iterate()) {
    const keys = [];
    for await (const key of sdk.keys.iterate({ serviceAccountId: sa.id, status: 'active' })) {
      keys.push({ label: key.label, ttlDays: key.expires_at ? Math.round((Date.parse(key.expires_at) - Date.parse(key.created_at)) / 86_400_000) : null });
    }
    accounts[sa.name] = { disabled: sa.disabled, roles: (await sdk.roleSets.get(sa.id)).roles, keys };
  }
  const roles = [];
  for await (const role of sdk.roles.iterate()) {
    if (!role.builtin) {
      roles.push(role.name);
    }
  }
  return { accounts, roles };
}

function editDocument(edit: (doc: any) => void): void {
  const doc = parse(readFileSync(documentFile, 'utf8'));
  edit(doc);
  writeFileSync(documentFile, stringify(doc));
}

beforeAll(async () => {
  terraformBinary();
  server = await startTestServer();
  sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
  copyFileSync(join(example, 'organization.yaml'), documentFile);
  const mirror = await prepareProviderMirror(join(work, 'terraform'));
  env = {
    ...process.env,
    ...mirror.env,
    WARDEN_ENDPOINT: server.url,
    WARDEN_API_KEY: server.adminToken,
    WARDEN_ORG: 'acme',
    WARDEN_STATE_DIR: join(work, 'state'),
    WARDEN_ORG_DOCUMENT: documentFile,
    CI: '1',
    DISABLE_VERSION_CHECK: '1',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
});
afterAll(async () => {
  await server?.close();
});

describe('cdktf deploy examples/org-bootstrap', () => {
  it('deploys the organization the document declares', async () => {
    await deploy();
    const { accounts, roles } = await snapshot();
    expect(Object.keys(accounts).sort()).toEqual([
      'automation-admin',
      'bootstrap-admin',
      'ci-production',
      'ci-staging',
      'dashboard-readonly',
      'runtime-snapshotter',
    ]);
    expect(roles).toEqual(['deployer']);
    expect(accounts['ci-production']).toEqual({ disabled: false, roles: ['deployer'], keys: [{ label: 'github-actions-production', ttlDays: 30 }] });
    expect(accounts['dashboard-readonly']!.roles).toEqual(['reader']);
    expect(accounts['automation-admin']!.roles).toEqual(['admin']);
  });

  it('changes nothing on a second deploy', async () => {
    const before = await snapshot();
    const output = await deploy();
    expect(output).toMatch(/No changes/);
    expect(await snapshot()).toEqual(before);
  });

  it('reconciles exactly the edits: add, change a role, retire one, shorten a TTL', async () => {
    editDocument((doc) => {
      doc.serviceAccounts.push({
        name: 'ci-preview',
        description: 'CI for previews.',
        roles: ['reader'],
        keys: [{ label: 'preview', description: 'Preview deploys.', ttl: '7d' }],
      });
      doc.serviceAccounts.find((a: any) => a.name === 'dashboard-readonly').roles = ['reader', 'snapshotter'];
      const staging = doc.serviceAccounts.findIndex((a: any) => a.name === 'ci-staging');
      doc.serviceAccounts.splice(staging, 1);
      doc.retired = [{ name: 'ci-staging' }];
      doc.serviceAccounts.find((a: any) => a.name === 'runtime-snapshotter').keys[0].ttl = '30d';
    });
    const before = await snapshot();
    await deploy();
    // Replaced and retired keys were revoked with their grace periods (up to 6h); let them pass.
    server.clock.advance(7 * 3_600_000);
    const after = await snapshot();
    expect(after.accounts['ci-preview']).toEqual({ disabled: false, roles: ['reader'], keys: [{ label: 'preview', ttlDays: 7 }] });
    expect(after.accounts['dashboard-readonly']!.roles).toEqual(['reader', 'snapshotter']);
    expect(after.accounts['ci-staging']).toEqual({ disabled: true, roles: [], keys: [] });
    expect(after.accounts['runtime-snapshotter']!.keys).toEqual([{ label: 'runtime-snapshots', ttlDays: 30 }]);
    for (const untouched of ['ci-production', 'automation-admin', 'bootstrap-admin']) {
      expect(after.accounts[untouched]).toEqual(before.accounts[untouched]);
    }
  });

  it('fails synthesis on a policy violation before anything changes', async () => {
    const before = await snapshot();
    editDocument((doc) => {
      doc.serviceAccounts.find((a: any) => a.name === 'ci-production').roles = ['admin'];
    });
    const result = await cdktf(['deploy', '--auto-approve', '--skip-provider-lock']);
    expect(result.code).not.toBe(0);
    // The CLI prints each error annotation as `ERROR [construct path]: message`.
    expect(result.output).toContain(
      '[org-bootstrap/acme/ci-production]: [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-production"',
    );
    expect(await snapshot()).toEqual(before);
    editDocument((doc) => {
      doc.serviceAccounts.find((a: any) => a.name === 'ci-production').roles = ['deployer'];
    });
  });

  it('warden review reads a saved plan of the CDKTF stack, naming accounts through CDKTF addresses', async () => {
    editDocument((doc) => {
      doc.serviceAccounts.push({
        name: 'ci-canary',
        description: 'Canary deploys.',
        roles: ['reader'],
        keys: [{ label: 'canary', description: 'Canary.', ttl: '60d' }],
      });
    });
    const synth = await cdktf(['synth']);
    expect(synth.code, synth.output).toBe(0);
    const stackDir = join(work, 'cdktf.out', 'stacks', 'org-bootstrap');
    const run = (command: string, args: string[]) => runProcess(command, args, { cwd: stackDir, env });
    expect((await run(terraformBinary(), ['plan', '-out', 'plan.bin', '-no-color'])).code).toBe(0);
    const review = await run(process.execPath, [resolve('cli/bin/warden.js'), 'review', 'plan.bin', '--format', 'json', '--max-ttl', '30d']);
    const report = JSON.parse(review.stdout);
    const canary = report.accounts.find((a: { account: string }) => a.account === 'ci-canary');
    expect(canary.changes.map((c: { kind: string; subject: string }) => `${c.kind}:${c.subject}`).sort()).toEqual([
      'account-created:ci-canary',
      'key-created:canary',
      'role-granted:reader',
    ]);
    expect(report.flags).toEqual([expect.objectContaining({ rule: 'ttl-above-limit', account: 'ci-canary' })]);
    editDocument((doc) => {
      doc.serviceAccounts = doc.serviceAccounts.filter((a: { name: string }) => a.name !== 'ci-canary');
    });
  });

  it('cdktf destroy leaves the organization as it was', async () => {
    const result = await cdktf(['destroy', '--auto-approve']);
    expect(result.code, result.output).toBe(0);
    const { accounts, roles } = await snapshot();
    expect(Object.keys(accounts)).toEqual(['bootstrap-admin']);
    expect(roles).toEqual([]);
  });
});
