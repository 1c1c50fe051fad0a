// `npm start`: the main job on one machine. Starts the embedded server (SQLite under
// .warden/), bootstraps an organization once, deploys examples/quickstart with the real
// `cdktf deploy`, then prints what exists. Re-running reconciles instead of duplicating,
// because the bootstrap key and the Terraform state are kept under .warden/.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/start.ts';
import { initOrganization } from '../server/init.ts';
import { createWardenClient } from '../sdk/index.ts';
import { prepareProviderMirror } from './provider-mirror.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.WARDEN_DATA_DIR ?? join(root, '.warden'));
const org = process.env.WARDEN_ORG ?? 'acme';
const keyFile = join(dataDir, 'bootstrap-admin.key');
const keepRunning = process.argv.includes('--keep-running');

let step = 0;
function progress(message: string): void {
  step += 1;
  process.stdout.write(`[${step}/5] ${message}\n`);
}

function fail(message: string, hint?: string): never {
  process.stderr.write(`\nnpm start failed: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
  process.exit(1);
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        resolvePromise();
      } else {
        reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`));
      }
    });
  });
}

async function main(): Promise<void> {
  const terraform = process.env.TERRAFORM_BINARY_NAME ?? 'terraform';
  if (spawnSync(terraform, ['version'], { stdio: 'ignore' }).status !== 0) {
    fail(`"${terraform}" is not on PATH`, 'install Terraform ≥ 1.11 (or set TERRAFORM_BINARY_NAME=tofu for OpenTofu) and run npm start again');
  }
  mkdirSync(dataDir, { recursive: true });

  progress(`starting the embedded server (SQLite at ${join(dataDir, 'warden.db')})`);
  const server = await startServer({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'warn' });
  process.stdout.write(`      listening on ${server.url}\n`);
  const stop = async (): Promise<void> => {
    await server.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  try {
    progress(`bootstrapping organization "${org}"`);
    const init = await initOrganization({ dataDir, org });
    let token: string;
    if (init.created && init.token) {
      writeFileSync(keyFile, init.token + '\n', { mode: 0o600 });
      chmodSync(keyFile, 0o600);
      token = init.token;
      process.stdout.write(`      created; the bootstrap-admin key is in ${keyFile} (mode 0600)\n`);
    } else {
      if (!existsSync(keyFile)) {
        // Usually `warden init` ran on the same default data dir (.warden) and kept its key elsewhere.
        fail(
          `organization "${org}" exists in ${join(dataDir, 'warden.db')} but its key file ${keyFile} is missing (was it created by \`warden init\`?)`,
          `start with another data dir or organization (WARDEN_DATA_DIR=.warden-main npm start, or WARDEN_ORG=acme-main npm start), or remove ${dataDir} to start over`,
        );
      }
      token = readFileSync(keyFile, 'utf8').trim();
      process.stdout.write(`      already bootstrapped; using the key in ${keyFile}\n`);
    }

    progress('installing the single-executable Terraform provider into a local filesystem mirror');
    const mirror = await prepareProviderMirror(join(dataDir, 'terraform'));

    progress('deploying examples/quickstart with cdktf deploy');
    const example = join(root, 'examples', 'quickstart');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...mirror.env,
      WARDEN_ENDPOINT: server.url,
      WARDEN_API_KEY: token,
      WARDEN_ORG: org,
      WARDEN_STATE_DIR: join(dataDir, 'state'),
      CI: '1',
      CHECKPOINT_DISABLE: '1',
      DISABLE_VERSION_CHECK: '1',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    };
    try {
      await run(join(root, 'node_modules', '.bin', 'cdktf'), ['deploy', '--auto-approve', '--skip-provider-lock', '--output', join(dataDir, 'cdktf.out')], {
        cwd: example,
        env,
      });
    } catch (error) {
      fail((error as Error).message, 'rerun with TF_LOG=debug for Terraform and provider logs');
    }

    progress('what exists now');
    const client = createWardenClient({ endpoint: server.url, apiKey: token, organization: org });
    for await (const account of client.serviceAccounts.iterate({})) {
      const roles = await client.roleSets.get(account.id);
      process.stdout.write(
        `  service account ${account.name} (${account.id})${account.disabled ? ' [disabled]' : ''}\n` + `    roles: ${roles.roles.join(', ') || '(none)'}\n`,
      );
      for await (const key of client.keys.iterate({ serviceAccountId: account.id })) {
        const expiry = key.expires_at ? `expires ${key.expires_at}` : 'never expires';
        process.stdout.write(`    key ${key.label} ${key.prefix}… ${key.status}, ${expiry}\n`);
      }
    }

    if (keepRunning) {
      process.stdout.write(`\nThe server keeps running at ${server.url} (Ctrl-C stops it).\n`);
      await new Promise(() => undefined);
    }
    process.stdout.write(
      `\nDone. Run it again to reconcile; inspect with:\n` +
        `  WARDEN_ENDPOINT=<url> WARDEN_API_KEY=$(cat ${keyFile}) WARDEN_ORG=${org} npx warden service-accounts list\n` +
        `  (npm start -- --keep-running keeps the server up)\n`,
    );
  } finally {
    if (!keepRunning) {
      await stop();
    }
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
