// Builds an SDK client from flags or WARDEN_ENDPOINT / WARDEN_API_KEY / WARDEN_ORG, and
// runs a command action with uniform error reporting and exit codes.
import type { Command } from 'commander';
import { createWardenClient, type WardenClient } from '../sdk/client.ts';
import { EXIT, printJson, reportError } from './output.ts';

export interface GlobalOptions {
  endpoint?: string;
  apiKey?: string;
  org?: string;
  json?: boolean;
}

export class UsageError extends Error {}

export function globals(command: Command): GlobalOptions {
  return command.opts() as GlobalOptions;
}

export function clientFor(options: GlobalOptions): WardenClient {
  const endpoint = options.endpoint ?? process.env.WARDEN_ENDPOINT;
  const apiKey = options.apiKey ?? process.env.WARDEN_API_KEY;
  if (!endpoint) {
    throw new UsageError('no server endpoint: set WARDEN_ENDPOINT (e.g. http://127.0.0.1:8080) or pass --endpoint');
  }
  if (!apiKey) {
    throw new UsageError('no API key: set WARDEN_API_KEY (or write it to a file and use WARDEN_API_KEY=$(cat FILE))');
  }
  return createWardenClient({ endpoint, apiKey, organization: options.org ?? process.env.WARDEN_ORG, userAgent: 'warden-cli/0.1.0' });
}

/** Wraps an action: prints `--json` or the human rendering, and maps errors to exit codes. */
export function action<A extends unknown[]>(
  run: (client: WardenClient, options: GlobalOptions, ...args: A) => Promise<{ json: unknown; human: () => void } | void>,
) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const options = globals(command);
    try {
      const client = clientFor(options);
      const result = await run(client, options, ...(args.slice(0, -1) as A));
      if (result) {
        if (options.json) {
          printJson(result.json);
        } else {
          result.human();
        }
      }
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = EXIT.usage;
      } else {
        process.exitCode = reportError(error);
      }
    }
  };
}
