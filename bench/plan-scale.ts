// `terraform plan` wall time for an organization of N service accounts, 2N keys and N
// role assignments, as a ratio to planning the same number of built-in terraform_data
// resources in the same run. Both are applied first; the timed plan refreshes everything.
// Usage: npx tsx bench/plan-scale.ts [accounts=1000]
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../server/clock.ts';
import { startTestServer } from '../test/helpers/server.ts';
import { prepareProviderMirror } from '../scripts/provider-mirror.ts';

const accounts = Number(process.argv[2] ?? 1000);
const total = accounts * 4;

function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn('terraform', args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? done((Date.now() - started) / 1000) : fail(new Error(`terraform ${args[0]} failed: ${stderr.slice(0, 2000)}`))));
  });
}

async function measure(name: string, hcl: string, env: NodeJS.ProcessEnv): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), `warden-bench-${name}-`));
  writeFileSync(join(dir, 'main.tf'), hcl);
  await terraform(dir, ['init', '-no-color'], env);
  const applied = await terraform(dir, ['apply', '-auto-approve', '-no-color', '-parallelism=20'], env);
  process.stderr.write(`${name}: applied ${total} resources in ${applied.toFixed(1)} s\n`);
  return terraform(dir, ['plan', '-no-color', '-parallelism=20'], env);
}

const server = await startTestServer({ clock: new ManualClock(Date.now()) });
// The benchmark's accounts need room: 2 keys each is within the 50-key limit.
const mirror = await prepareProviderMirror(mkdtempSync(join(tmpdir(), 'warden-bench-mirror-')));
const env = { ...mirror.env, WARDEN_ENDPOINT: server.url, WARDEN_API_KEY: server.adminToken, WARDEN_ORG: 'acme' };

const wardenHcl = `
terraform {
  required_providers {
    warden = { source = "wardenhq/warden", version = "0.1.0" }
  }
}
provider "warden" {}
resource "warden_service_account" "sa" {
  count = ${accounts}
  name  = "bench-\${count.index}"
}
resource "warden_role_assignment" "ra" {
  count              = ${accounts}
  service_account_id = warden_service_account.sa[count.index].id
  role               = "reader"
}
resource "warden_api_key" "key" {
  count              = ${accounts * 2}
  service_account_id = warden_service_account.sa[count.index % ${accounts}].id
  label              = "key-\${count.index}"
  ttl                = "90d"
  rotate_before      = "15d"
}
`;
const floorHcl = `
resource "terraform_data" "d" {
  count = ${total}
  input = "item-\${count.index}"
}
`;

const floor = await measure('terraform_data', floorHcl, mirror.env);
const warden = await measure('warden', wardenHcl, env);
await server.close();
process.stdout.write(
  `terraform plan of ${total} resources (${accounts} service accounts, ${accounts * 2} keys, ${accounts} assignments)\n` +
    `floor (terraform_data x ${total}): ${floor.toFixed(2)} s\nwarden: ${warden.toFixed(2)} s\nratio: ${(warden / floor).toFixed(2)}x floor\n`,
);
