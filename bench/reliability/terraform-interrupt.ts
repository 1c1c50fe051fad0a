// A `terraform apply` whose server is killed (SIGKILL) part-way, restarted after a few
// seconds, and the apply run again: it must converge, and a plan after it must be empty.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWardenClient } from '../../sdk/index.ts';
import { ROOT, startServerProcess, type Storage } from './warden-process.ts';

export interface InterruptResult {
  resources: number;
  createdBeforeKill: number;
  interruptedExit: number;
  rerunExit: number;
  rerunOutput: string;
  planExit: number;
  accountsOnServer: number;
  accountsDeclared: number;
}

function terraform(dir: string, env: NodeJS.ProcessEnv, args: string[], onLine?: (line: string) => void): Promise<{ code: number; output: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.env.TERRAFORM_BINARY_NAME ?? 'terraform', args, { cwd: dir, env });
    let output = '';
    let partial = '';
    const take = (chunk: Buffer) => {
      output += chunk;
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop()!;
      lines.forEach((line) => onLine?.(line));
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('exit', (code) => done({ code: code ?? -1, output }));
  });
}

export async function interruptedApply(storage: Storage, port: number, token: string, accounts = 40, killAfter = 20): Promise<InterruptResult> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-reliability-tf-'));
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {
  required_providers {
    warden = { source = "wardenhq/warden", version = "0.1.0" }
  }
}
provider "warden" {}
resource "warden_service_account" "bot" {
  count = ${accounts}
  name  = "tf-bot-\${count.index}"
}
resource "warden_api_key" "bot" {
  count              = ${accounts}
  service_account_id = warden_service_account.bot[count.index].id
  label              = "ci"
  ttl                = "30d"
}
`,
  );
  let server = await startServerProcess(storage, port);
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: resolve(ROOT, 'dist', 'terraform', 'terraform.rc'),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    WARDEN_ENDPOINT: server.url,
    WARDEN_API_KEY: token,
    WARDEN_ORG: 'acme',
  };
  const init = await terraform(dir, env, ['init', '-input=false', '-no-color']);
  if (init.code !== 0) {
    throw new Error(`terraform init failed:\n${init.output}`);
  }
  let created = 0;
  let killed: Promise<void> | undefined;
  const interrupted = await terraform(dir, env, ['apply', '-auto-approve', '-input=false', '-no-color'], (line) => {
    if (/Creation complete/.test(line) && ++created === killAfter) {
      killed = (async () => {
        await server.kill();
        // Down long enough for the provider's retries to give up.
        await sleep(4_000);
        server = await startServerProcess(storage, port);
      })();
    }
  });
  await killed;
  const rerun = await terraform(dir, env, ['apply', '-auto-approve', '-input=false', '-no-color']);
  const plan = await terraform(dir, env, ['plan', '-detailed-exitcode', '-input=false', '-no-color']);
  const warden = createWardenClient({ endpoint: server.url, apiKey: token, organization: 'acme' });
  let onServer = 0;
  for await (const account of warden.serviceAccounts.iterate()) {
    if (account.name.startsWith('tf-bot-')) {
      onServer++;
    }
  }
  await server.kill();
  return {
    resources: accounts * 2,
    createdBeforeKill: created,
    interruptedExit: interrupted.code,
    rerunExit: rerun.code,
    rerunOutput: rerun.output,
    planExit: plan.code,
    accountsOnServer: onServer,
    accountsDeclared: accounts,
  };
}
