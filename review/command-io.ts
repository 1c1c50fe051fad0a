// What the review commands need from their surroundings — output streams, environment,
// exit code, and a connection to the live organization — gathered in one object so tests
// run the real commands in-process with a fake organization instead of a server. The
// process-backed implementation lives with the commands (cli/commands/review.ts), so
// this core never imports the CLI.
import { DurationError } from '../sdk/duration.ts';
import { redact } from '../sdk/errors.ts';
import { InputError } from './errors.ts';
import type { LiveInventory, LiveOrganization } from './live.ts';
import { FORMATS, type Format } from './render-common.ts';
import { scrub } from './safe-values.ts';

/** The client options every client command accepts (see cli/client-options.ts). */
export interface ClientFlags {
  endpoint?: string;
  apiKey?: string;
  org?: string;
  json?: boolean;
}

export interface Connection {
  organization: LiveOrganization;
  inventory(): Promise<LiveInventory>;
}

export interface CommandIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  setExitCode(code: number): void;
  /** Connects to the live organization; throws UsageError without endpoint or key. */
  connect(options: ClientFlags): Connection;
}

/** Exit codes of review and audit-drift, the contract with CI. */
import { REVIEW_EXIT } from './exit-codes.ts';

export { REVIEW_EXIT, REVIEW_EXIT_CODES_HELP as EXIT_HELP } from './exit-codes.ts';

/** True when an endpoint and a key are available from flags or the environment. */
export function hasCredentials(options: ClientFlags, env: NodeJS.ProcessEnv): boolean {
  const present = (v: string | undefined) => Boolean(v && v.trim() !== '');
  return (present(options.endpoint) || present(env.WARDEN_ENDPOINT)) && (present(options.apiKey) || present(env.WARDEN_API_KEY));
}

export function parseFormat(value: unknown, json: boolean | undefined): Format {
  if (json) {
    return 'json';
  }
  const format = String(value ?? 'text');
  if (!FORMATS.includes(format as Format)) {
    throw new InputError(`--format must be ${FORMATS.join(', ')}, not "${format}"`);
  }
  return format as Format;
}

/** Any failure: no verdict, exit 2, with a message that never quotes a credential. */
export function reportFailure(io: CommandIo, error: unknown): void {
  const known = error instanceof InputError || error instanceof DurationError || (error instanceof Error && error.name === 'UsageError');
  const text = error instanceof Error ? ((error as Error & { detail?: string }).detail ?? error.message) : String(error);
  io.stderr.write(`error: ${scrub(redact(text))}${known ? '' : ' (no verdict: the report could not be made)'}\n`);
  io.setExitCode(REVIEW_EXIT.input);
}
