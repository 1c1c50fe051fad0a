// Runs `warden review` / `warden audit-drift` in-process against fixtures, with a fake
// live organization instead of a server, and captures stdout, stderr and the exit code.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerReviewCommands } from '../../cli/commands/review.ts';
import type { ClientFlags, Connection } from '../../review/command-io.ts';
import type { PlanJson } from '../../review/plan-types.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);
export const loadPlan = (name: string): PlanJson => JSON.parse(readFileSync(fixture(name), 'utf8')) as PlanJson;

/** Token-shaped secrets planted in plan-hcl.json (state secrets, an after.secret, an output). */
export const PLANTED = [
  'wdn_PhWSrIS5jcHZSqZeAmCqdgEYsa11Y4uKtTiPaG3tJ2C1qVHh3',
  'wdn_wwIwnIi9BMyXUCXaYPHhhMwnrBGaGjTIqXpatJffkHP1DV3bE',
  'wdn_NBbMVhO5yZvjf3mFBn1XssC2u75jk8OTa8JigmlKbVe2DI9qu',
  'wdn_vpv5kipGlfXsvYJP1etiY54RfZV51wKfv6s9EbjcPqW1H4waJ',
];

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  connected: ClientFlags[];
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  isTTY?: boolean;
  connection?: Partial<Connection> | (() => Connection);
}

export async function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const connected: ClientFlags[] = [];
  const program = new Command('warden').exitOverride().configureOutput({ writeOut: (s) => void (stdout += s), writeErr: (s) => void (stderr += s) });
  registerReviewCommands(program, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.isTTY ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    env: options.env ?? {},
    setExitCode: (c) => {
      code = c;
    },
    connect: (flags) => {
      connected.push(flags);
      if (typeof options.connection === 'function') {
        return options.connection();
      }
      if (!options.connection) {
        throw Object.assign(new Error('no server endpoint: set WARDEN_ENDPOINT'), { name: 'UsageError' });
      }
      return options.connection as Connection;
    },
  });
  try {
    await program.parseAsync(['node', 'warden', ...args]);
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      throw error;
    }
    code = error.exitCode === 0 ? 0 : 2;
  }
  return { stdout, stderr, code, connected };
}

/** Environment in which the review may ask the server (the fake connection answers). */
export const LIVE_ENV = { WARDEN_ENDPOINT: 'http://127.0.0.1:1', WARDEN_API_KEY: 'wdn_fake' };
