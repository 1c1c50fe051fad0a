// Builds an SDK client from flags, then WARDEN_ENDPOINT / WARDEN_API_KEY / WARDEN_ORG, then
// a profile of the config file (`warden auth login`), with a private CA from WARDEN_CA_FILE,
// and wraps client-command actions: one place that prints (--json or the human form) and
// maps failures to exit codes.
import type { Command } from 'commander';
import { readCaFile } from '../sdk/ca-fetch.ts';
import { createWardenClient, type WardenClient } from '../sdk/client.ts';
import { WARDEN_VERSION } from '../sdk/generated/version.ts';
import { configFilePath, profileName, readConfig, type Profile } from './config-file.ts';
import { printJson, reportError, UsageError } from './output.ts';

export { UsageError } from './output.ts';

export interface GlobalOptions {
  endpoint?: string;
  apiKey?: string;
  org?: string;
  json?: boolean;
  profile?: string;
  configFile?: string;
}

/** What an action returns: the machine form and how to show it to a person. */
export interface Rendered {
  json: unknown;
  human: () => void;
}

export const CLI_USER_AGENT = `warden-cli/${WARDEN_VERSION}`;

const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

export interface Credentials {
  endpoint?: string;
  apiKey?: string;
  org?: string;
  /** The profile consulted, if any, and where it lives. */
  profile?: { name: string; path: string };
}

/**
 * Precedence per value: flag, then environment, then profile. The config file is read only
 * when --profile is given or the flags and environment lack the endpoint or the key, so a
 * key from the environment is never paired with another profile's organization.
 */
export function resolveCredentials(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Credentials {
  const endpoint = nonEmpty(options.endpoint) ?? nonEmpty(env.WARDEN_ENDPOINT);
  // Trimmed: a key read with $(cat FILE) or pasted from a terminal often ends in a newline.
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.WARDEN_API_KEY);
  const org = nonEmpty(options.org) ?? nonEmpty(env.WARDEN_ORG);
  const explicitProfile = nonEmpty(options.profile) ?? nonEmpty(env.WARDEN_PROFILE);
  if (endpoint && apiKey && !explicitProfile) {
    return { endpoint, apiKey, org };
  }
  const path = configFilePath(options.configFile, env);
  const document = readConfig(path);
  const name = profileName(options.profile, document, env);
  const profile: Profile | undefined = document.profiles[name];
  if (!profile && explicitProfile) {
    throw new UsageError(`no profile "${name}" in ${path}; create it with \`warden auth login --profile ${name}\``);
  }
  return {
    endpoint: endpoint ?? profile?.endpoint,
    apiKey: apiKey ?? profile?.api_key,
    org: org ?? profile?.organization,
    profile: profile ? { name, path } : undefined,
  };
}

export function clientFor(options: GlobalOptions): WardenClient {
  const { endpoint, apiKey, org } = resolveCredentials(options);
  if (!endpoint) {
    throw new UsageError('no server endpoint: set WARDEN_ENDPOINT (e.g. http://127.0.0.1:8080), pass --endpoint, or run `warden auth login`');
  }
  if (!apiKey) {
    throw new UsageError(
      'no API key: set WARDEN_API_KEY (e.g. WARDEN_API_KEY=$(cat admin.key)) or run `warden auth login`; --api-key works too but shows up in process lists',
    );
  }
  const caFile = nonEmpty(process.env.WARDEN_CA_FILE);
  let ca: Buffer | undefined;
  if (caFile) {
    try {
      ca = readCaFile(caFile, 'WARDEN_CA_FILE');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return createWardenClient({ endpoint, apiKey, organization: org, userAgent: CLI_USER_AGENT, ca });
}

/**
 * Wraps a client action. Commander calls it with the positional arguments, the
 * command's options and the command itself; `run` receives the client, the options
 * and the positional arguments.
 */
export function action<A extends unknown[], O = Record<string, unknown>>(
  run: (client: WardenClient, options: O & GlobalOptions, ...args: A) => Promise<Rendered | void>,
) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const options = { ...(command.optsWithGlobals() as O & GlobalOptions) };
    try {
      const result = await run(clientFor(options), options, ...(args.slice(0, -2) as A));
      if (result) {
        if (options.json) {
          printJson(result.json);
        } else {
          result.human();
        }
      }
    } catch (error) {
      process.exitCode = reportError(error, Boolean(options.json));
    }
  };
}
