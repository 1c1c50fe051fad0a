// docs/ is generated from the schema and current; the plain-HCL quickstart applies as it
// is, including a key whose material comes from a write-only argument.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocs } from '../../scripts/generate-docs.ts';
import { createWardenClient } from '../../sdk/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TerraformWorkspace } from '../helpers/terraform.ts';

describe('docs', () => {
  it('are current (run `npm run generate:docs` when this fails) and cover every resource with import syntax', () => {
    const pages = renderDocs();
    for (const [file, text] of Object.entries(pages)) {
      expect(readFileSync(join('docs', file), 'utf8'), file).toBe(text);
    }
    for (const resource of ['service_account', 'role', 'role_assignment', 'service_account_roles', 'api_key']) {
      expect(pages[`resources/${resource}.md`]).toMatch(/## Example Usage[\s\S]*## Schema[\s\S]*## Import/);
    }
  });
});

describe('examples/terraform/quickstart', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('applies as it is, keeps write-only key material out of state, and plans clean afterwards', async () => {
    const tf = await TerraformWorkspace.create(server.url, server.adminToken);
    cpSync('examples/terraform/quickstart/main.tf', join(tf.dir, 'main.tf'));
    await tf.ok(['init', '-no-color']);
    const apply = await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(apply.stdout).toMatch(/Apply complete! Resources: 5 added/);
    expect(apply.stdout).toMatch(/ci_key_count = 2/);
    const runner = await tf.resource('warden_api_key.runner');
    expect(runner.secret).toBeNull();
    expect(runner.secret_wo).toBeNull();
    const sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
    const sa = await sdk.serviceAccounts.findByName('ci-deployer-hcl');
    expect((await sdk.roleSets.get(sa!.id)).roles).toEqual(['deployer', 'member']);
    expect((await sdk.keys.get(runner.id)).data.status).toBe('active');
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  });
});
