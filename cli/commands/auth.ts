// `warden auth login | status | logout`: keeps endpoint, organization and API key in a
// profile of the config file (mode 0600) so that client commands need no environment.
// The key is checked with whoami before it is saved, and only its prefix is ever shown.
import type { Command } from 'commander';
import { createWardenClient } from '../../sdk/client.ts';
import { configFilePath, keyPrefix, profileName, readConfig, writeConfig } from '../config-file.ts';
import { CLI_USER_AGENT, resolveCredentials } from '../context.ts';
import { examples } from '../help.ts';
import { EXIT, printJson, reportError, UsageError } from '../output.ts';
import { isInteractive, Prompter, readStdin } from '../prompt.ts';

interface AuthFlags {
  profile?: string;
  configFile?: string;
  endpoint?: string;
  org?: string;
  apiKeyStdin?: boolean;
  json?: boolean;
}

const withFileOptions = (command: Command): Command =>
  command
    .option('--profile <name>', 'profile name (default: $WARDEN_PROFILE, else the current profile, else "default")')
    .option('--config-file <path>', 'config file (default: $WARDEN_CONFIG_FILE, else $XDG_CONFIG_HOME/warden/config.yaml or ~/.config/warden/config.yaml)');

function guarded(run: (flags: AuthFlags) => Promise<void>) {
  return async (flags: AuthFlags): Promise<void> => {
    try {
      await run(flags);
    } catch (error) {
      process.exitCode = reportError(error, Boolean(flags.json));
    }
  };
}

async function login(flags: AuthFlags): Promise<void> {
  const path = configFilePath(flags.configFile);
  const document = readConfig(path);
  const name = profileName(flags.profile, document);
  const existing = document.profiles[name];
  const interactive = isInteractive() && !flags.apiKeyStdin;
  let endpoint = flags.endpoint?.trim();
  let org = flags.org?.trim();
  let apiKey: string;
  if (interactive) {
    const prompter = new Prompter();
    try {
      endpoint ||= (await prompter.ask(`Server endpoint${existing?.endpoint ? ` [${existing.endpoint}]` : ''}: `)) || existing?.endpoint;
      org ||= (await prompter.ask("Organization (empty: the key's own): ")) || undefined;
      apiKey = await prompter.askHidden('API key (not shown): ');
    } finally {
      prompter.close();
    }
  } else {
    if (!flags.apiKeyStdin) {
      throw new UsageError(
        'stdin is not a terminal: pass --endpoint URL and --api-key-stdin, and pipe the key in (e.g. warden auth login --endpoint URL --api-key-stdin < admin.key)',
      );
    }
    apiKey = await readStdin();
  }
  if (!endpoint) {
    throw new UsageError('auth login needs the server endpoint: --endpoint URL (e.g. http://127.0.0.1:8080)');
  }
  if (!apiKey) {
    throw new UsageError('auth login read no API key');
  }
  // Saved only once the server accepts it: a typo must not become the profile.
  const me = await createWardenClient({ endpoint, apiKey, organization: org, userAgent: CLI_USER_AGENT }).whoami();
  document.profiles[name] = { endpoint, organization: org ?? me.organization.name, api_key: apiKey };
  document.current_profile ??= name;
  writeConfig(path, document);
  process.stderr.write(
    `Logged in to ${endpoint} as ${me.principal.type} ${me.principal.name} in organization ${org ?? me.organization.name} (key ${keyPrefix(apiKey)}).\n` +
      `Profile "${name}" saved in ${path} (mode 0600).\n`,
  );
}

async function status(flags: AuthFlags): Promise<void> {
  const path = configFilePath(flags.configFile);
  const document = readConfig(path);
  const name = profileName(flags.profile, document);
  const profile = document.profiles[name];
  // What a client command would use right now, so that an environment override is visible.
  const effective = resolveCredentials({ profile: flags.profile, configFile: flags.configFile });
  const overridden = ['WARDEN_ENDPOINT', 'WARDEN_API_KEY', 'WARDEN_ORG'].filter((v) => process.env[v]?.trim());
  const summary = {
    config_file: path,
    profile: name,
    profiles: Object.keys(document.profiles),
    stored: profile
      ? { endpoint: profile.endpoint ?? null, organization: profile.organization ?? null, key_prefix: profile.api_key ? keyPrefix(profile.api_key) : null }
      : null,
    environment_overrides: overridden,
  };
  if (!effective.endpoint || !effective.apiKey) {
    if (flags.json) printJson({ ...summary, logged_in: false });
    else process.stdout.write(`Not logged in: no profile "${name}" in ${path} and no WARDEN_ENDPOINT/WARDEN_API_KEY. Run \`warden auth login\`.\n`);
    process.exitCode = EXIT.unauthenticated;
    return;
  }
  const me = await createWardenClient({
    endpoint: effective.endpoint,
    apiKey: effective.apiKey,
    organization: effective.org,
    userAgent: CLI_USER_AGENT,
  }).whoami();
  if (flags.json) {
    printJson({
      ...summary,
      logged_in: true,
      endpoint: effective.endpoint,
      organization: me.organization.name,
      principal: me.principal,
      key_prefix: keyPrefix(effective.apiKey),
    });
    return;
  }
  process.stdout.write(
    `${effective.endpoint}: logged in as ${me.principal.type} ${me.principal.name} in organization ${me.organization.name}\n` +
      `key:      ${keyPrefix(effective.apiKey)} ${me.key ? `${me.key.label}, ${me.key.expires_at ? `expires ${me.key.expires_at}` : 'never expires'}` : '(personal key)'}\n` +
      `profile:  ${profile ? `${name} (${path})` : '(none)'}\n` +
      (overridden.length > 0 ? `note:     ${overridden.join(', ')} set in the environment take precedence over the profile\n` : ''),
  );
}

async function logout(flags: AuthFlags): Promise<void> {
  const path = configFilePath(flags.configFile);
  const document = readConfig(path);
  const name = profileName(flags.profile, document);
  if (!document.profiles[name]) {
    process.stderr.write(`No profile "${name}" in ${path}; nothing to do.\n`);
    process.exitCode = EXIT.notFound;
    return;
  }
  delete document.profiles[name];
  if (document.current_profile === name) {
    document.current_profile = Object.keys(document.profiles)[0];
  }
  writeConfig(path, document);
  process.stderr.write(`Removed profile "${name}" from ${path}. The key itself still works; revoke it with \`warden keys revoke\` if it leaked.\n`);
}

export function registerAuth(program: Command): void {
  const auth = program.command('auth').description('Store credentials in a profile of the config file (mode 0600) instead of the environment.');
  examples(auth, 'warden auth login', 'warden auth status');

  examples(
    withFileOptions(
      auth
        .command('login')
        .description(
          'Save an endpoint, organization and API key as a profile, after checking the key with the server. Prompts on a terminal; in scripts use --endpoint and --api-key-stdin.',
        )
        .option('--endpoint <url>', 'server URL, e.g. http://127.0.0.1:8080')
        .option('--org <name>', "organization name (default: the key's own)")
        .option('--api-key-stdin', 'read the API key from stdin instead of prompting (it is never a flag: flags show up in process lists)'),
    ).action(guarded(login)),
    'warden auth login',
    'warden auth login --endpoint http://127.0.0.1:8080 --api-key-stdin < admin.key',
    'warden auth login --profile staging --endpoint https://warden.staging.example --api-key-stdin < staging.key',
  );

  examples(
    withFileOptions(
      auth
        .command('status')
        .description('Show which endpoint, organization and key (prefix only) client commands use, and check the key with the server.')
        .option('--json', 'print JSON for machines'),
    ).action(guarded(status)),
    'warden auth status',
    'warden auth status --profile staging --json',
  );

  examples(
    withFileOptions(auth.command('logout').description('Remove a profile (and its key) from the config file. The key is not revoked.')).action(guarded(logout)),
    'warden auth logout',
    'warden auth logout --profile staging',
  );
}
