// Every default the reference pages document (`default …` in docs/resources/*.md) is what
// a real apply stores: each resource is applied with only its required arguments, against
// the real server, and the state must hold the documented value. A page whose defaults
// have no minimal configuration here fails too, so a new default cannot go unchecked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TerraformWorkspace } from '../helpers/terraform.ts';

/** `attribute → documented default` (parsed as JSON, as the generator writes it) per resource type. */
export function documentedDefaults(dir = 'docs/resources'): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const type = /^# (warden_\w+) \(Resource\)/m.exec(text)?.[1];
    for (const match of text.matchAll(/^- `(\w+)` \([^)]*\bdefault ([^,)]+)[,)]/gm)) {
      (out[type!] ??= {})[match[1]!] = JSON.parse(match[2]!);
    }
  }
  return out;
}

// The smallest configuration of each resource: required arguments only.
const MINIMAL: Record<string, string> = {
  warden_service_account: 'resource "warden_service_account" "minimal" {\n  name = "defaults-check"\n}\n',
  warden_role: 'resource "warden_role" "minimal" {\n  name        = "defaults-check"\n  permissions = ["keys:read"]\n}\n',
  warden_api_key:
    'resource "warden_api_key" "minimal" {\n  service_account_id = warden_service_account.minimal.id\n  label              = "defaults-check"\n}\n',
};

describe('documented defaults', () => {
  let server: TestServer;
  let tf: TerraformWorkspace;
  const defaults = documentedDefaults();

  beforeAll(async () => {
    server = await startTestServer();
    tf = await TerraformWorkspace.create(server.url, server.adminToken);
  });
  afterAll(() => server.close());

  it('are found in the docs (the parser still matches the generator)', () => {
    expect(defaults.warden_api_key).toEqual({ description: '' });
    expect(defaults.warden_service_account).toMatchObject({ disabled: false, deletion_protection: false });
  });

  it('every resource with a documented default has a minimal configuration here', () => {
    expect(Object.keys(defaults).filter((type) => !MINIMAL[type])).toEqual([]);
  });

  it('match the state of a real apply of the minimal configurations, and plan clean', async () => {
    tf.write(
      Object.keys(defaults)
        .map((type) => MINIMAL[type])
        .join('\n'),
    );
    await tf.ok(['init', '-no-color']);
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const differences: string[] = [];
    for (const [type, attributes] of Object.entries(defaults)) {
      const state = await tf.resource(`${type}.minimal`);
      for (const [name, documented] of Object.entries(attributes)) {
        if (JSON.stringify(state[name]) !== JSON.stringify(documented)) {
          differences.push(`${type}.${name}: docs say default ${JSON.stringify(documented)}, state holds ${JSON.stringify(state[name])}`);
        }
      }
    }
    expect(differences).toEqual([]);
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  });
});
