// The README's three getting-started flows (npm start, the CLI section, the HCL
// quickstart), read from the README itself (blocks marked `<!-- readme-flow: NAME -->`)
// and run in the order a newcomer would and in reverse, in one scratch copy of the
// repository per order: each must succeed whatever ran before it.
//
// How the commands are run, and the only liberties taken with them:
// - each flow starts in a new shell at the repository root (as the README says);
//   `cd` and `export` carry over from line to line within a flow;
// - a line ending in `&` (a server) runs in the background until the order is done;
//   the next line starts once it printed "listening on";
// - ports 8080/8081 become free ports (this machine is shared), `npx warden` runs the
//   same cli/bin/warden.js without npm's start-up, `terraform apply` gets -auto-approve
//   through TF_CLI_ARGS_apply, and `npm install`/`npm test` (done by the test set-up,
//   or the suite itself) are skipped;
// - npm start's data dir is the scratch copy's .warden (WARDEN_DATA_DIR), because the
//   script finds its own repository through the symlinked scripts/.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/build-cli.ts';
import { runProcess } from './helpers/process.ts';
import { terraformBinary } from './helpers/terraform.ts';

const ROOT = resolve('.');
const BIN = join(ROOT, 'cli', 'bin', 'warden.js');

/** The shell blocks of the README marked as flows, by name. */
export function readmeFlows(readme = readFileSync(join(ROOT, 'README.md'), 'utf8')): Record<string, string[]> {
  const flows: Record<string, string[]> = {};
  for (const match of readme.matchAll(/<!-- readme-flow: ([\w-]+)[^>]*-->\n```sh\n([\s\S]*?)```/g)) {
    flows[match[1]!] = match[2]!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  }
  return flows;
}

const SKIPPED = /^npm (install|test)\b/;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/** A scratch copy of the repository: sources linked, examples/terraform/quickstart copied (terraform writes there). */
function scratchRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-readme-'));
  for (const entry of ['node_modules', 'dist', 'scripts', 'sdk', 'server', 'provider', 'cli', 'review', 'cdktf-constructs', 'openapi', 'tsconfig.json']) {
    symlinkSync(join(ROOT, entry), join(dir, entry));
  }
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'examples', 'terraform'), { recursive: true });
  for (const example of ['quickstart', 'shared', 'org-bootstrap', 'key-rotation']) {
    symlinkSync(join(ROOT, 'examples', example), join(dir, 'examples', example));
  }
  cpSync(join(ROOT, 'examples', 'terraform', 'quickstart', 'main.tf'), join(dir, 'examples', 'terraform', 'quickstart', 'main.tf'));
  return dir;
}

// `npx warden` is the repository's own bin; run it directly (npm's start-up is slow here).
const PREAMBLE = `npx() { if [ "$1" = warden ]; then shift; node ${JSON.stringify(BIN)} "$@"; else command npx "$@"; fi; }\n`;

class FlowRunner {
  readonly background: ChildProcess[] = [];
  readonly transcript: string[] = [];

  constructor(
    readonly dir: string,
    readonly ports: Record<string, string>,
  ) {}

  baseEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: join(this.dir, '.home'),
      XDG_CONFIG_HOME: join(this.dir, '.config'),
      WARDEN_DATA_DIR: join(this.dir, '.warden'),
      TF_CLI_ARGS_apply: '-auto-approve',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      NO_COLOR: '1',
      npm_config_cache: join(process.env.HOME ?? tmpdir(), '.npm'),
    };
    for (const name of ['WARDEN_ENDPOINT', 'WARDEN_API_KEY', 'WARDEN_ORG', 'WARDEN_PROFILE', 'WARDEN_CONFIG_FILE', 'TF_CLI_CONFIG_FILE', 'TF_DATA_DIR']) {
      delete env[name];
    }
    return env;
  }

  async run(name: string, lines: string[]): Promise<void> {
    let env = this.baseEnv();
    let cwd = this.dir;
    const envFile = join(this.dir, `.env-${name}`);
    for (const original of lines.filter((line) => !SKIPPED.test(line))) {
      const line = original.replace(/\b(8080|8081)\b/g, (port) => this.ports[port]!);
      this.transcript.push(`[${name}] $ ${line}`);
      if (/&\s*(#.*)?$/.test(line)) {
        await this.startBackground(line.replace(/&\s*(#.*)?$/, ''), cwd, env);
        continue;
      }
      const script = `set -eo pipefail\n${PREAMBLE}${line}\nenv -0 > ${JSON.stringify(envFile)}\n`;
      const result = await runProcess('bash', ['-c', script], { cwd, env });
      this.transcript.push(result.output);
      if (result.code !== 0) {
        throw new Error(`flow ${name}: \`${original}\` exited ${result.code}\n${this.transcript.join('\n')}`);
      }
      // What `export` and `cd` changed carries over to the next line, as in one shell.
      env = Object.fromEntries(
        readFileSync(envFile, 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      );
      cwd = env.PWD ?? cwd;
    }
  }

  private startBackground(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
    const child = spawn('bash', ['-c', `${PREAMBLE}exec ${command}`], { cwd, env, detached: true });
    this.background.push(child);
    let output = '';
    return new Promise((ready, reject) => {
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        if (/listening on http/.test(output)) ready();
      });
      child.stderr!.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => reject(new Error(`background \`${command}\` exited ${code}: ${output}`)));
    });
  }

  stop(): void {
    // splice: each server is stopped once, by the id of the process group this test started.
    for (const child of this.background.splice(0)) {
      child.removeAllListeners('exit');
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        }
      }
    }
  }
}

const runners: FlowRunner[] = [];
// The flows run cli/bin/warden.js, i.e. cli/dist/main.js: build it from the current sources.
beforeAll(() => buildCli());
afterAll(() => {
  for (const runner of runners) {
    runner.stop();
    rmSync(runner.dir, { recursive: true, force: true });
  }
});

describe('README flows', () => {
  const flows = readmeFlows();

  it('are marked in the README: npm start, the CLI section and the HCL quickstart', () => {
    expect(Object.keys(flows).sort()).toEqual(['cli', 'hcl-quickstart', 'npm-start']);
    expect(flows['npm-start']).toContain('npm start      # the main job (below)');
    expect(flows.cli!.join('\n')).toMatch(/--data-dir \.warden-cli/);
    expect(flows['hcl-quickstart']!.join('\n')).toMatch(/terraform apply/);
  });

  it.each([
    ['npm start → CLI → HCL quickstart', ['npm-start', 'cli', 'hcl-quickstart']],
    ['HCL quickstart → CLI → npm start', ['hcl-quickstart', 'cli', 'npm-start']],
  ])(
    '%s: each flow succeeds',
    async (_order, names) => {
      terraformBinary();
      const runner = new FlowRunner(scratchRepository(), { '8080': String(await freePort()), '8081': String(await freePort()) });
      runners.push(runner);
      try {
        for (const name of names) {
          await runner.run(name, flows[name]!);
        }
      } finally {
        runner.stop();
      }
      const transcript = runner.transcript.join('\n');
      expect(transcript).toMatch(/Apply complete! Resources: 3 added/); // npm start's cdktf deploy
      expect(transcript).toMatch(/Apply complete! Resources: 5 added/); // the HCL quickstart
      expect(transcript).toMatch(/^key_\w+\s+cli-deployer\s+laptop\s+wdn_/m); // the CLI's keys list
      // No secret was printed by any flow (the CLI writes keys to files, npm start never shows one).
      for (const file of ['.warden-cli/admin.key', '.warden-cli/deployer.key', '.warden-tf/admin.key', '.warden/bootstrap-admin.key']) {
        const secret = readFileSync(join(runner.dir, file), 'utf8').trim();
        expect(transcript).not.toContain(secret);
      }
    },
    900_000,
  );
});
