// The `warden` command tree: storage verbs (server, init, recover) that work on the database,
// client verbs that call a server through the SDK, and the review verbs. Built by a
// function so tests can inspect it without running anything.
import { Command, CommanderError } from 'commander';
import { addClientOptions } from './client-options.ts';
import { registerAssignments } from './commands/assignments.ts';
import { registerAuth } from './commands/auth.ts';
import { registerCompletion } from './commands/completion.ts';
import { registerAudit } from './commands/audit.ts';
import { registerInit } from './commands/init.ts';
import { registerKeys } from './commands/keys.ts';
import { registerProvider } from './commands/provider.ts';
import { registerRecover } from './commands/recover.ts';
import { registerReviewCommands } from './commands/review.ts';
import { registerRoles } from './commands/roles.ts';
import { registerServer } from './commands/server.ts';
import { registerServiceAccounts } from './commands/service-accounts.ts';
import { registerUsers } from './commands/users.ts';
import { registerWhoami } from './commands/whoami.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { reportError } from './output.ts';
import { WARDEN_VERSION } from '../sdk/generated/version.ts';

export const VERSION = WARDEN_VERSION;

const leaves = (command: Command): Command[] => (command.commands.length === 0 ? [command] : command.commands.flatMap(leaves));

export function buildProgram(): Command {
  const program = new Command('warden')
    .description("Manage an organization's machine identities — service accounts, roles and API keys — and run the reference server.")
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError()
    // Settings below are inherited by every subcommand added afterwards.
    .exitOverride()
    .addHelpText(
      'after',
      `
Client commands read WARDEN_ENDPOINT, WARDEN_API_KEY and WARDEN_ORG (or --endpoint,
--api-key, --org after the verb), else the profile saved by \`warden auth login\`
(--profile, --config-file). They print tables for people and JSON with --json.
Destructive verbs ask first on a terminal; pass --yes in scripts.
WARDEN_CA_FILE names a PEM file of a private CA to trust for an https:// endpoint.

${EXIT_CODES_HELP}

Examples:
  warden init --org acme --key-file admin.key
  warden server --port 8080 &
  export WARDEN_ENDPOINT=http://127.0.0.1:8080 WARDEN_API_KEY=$(cat admin.key)
  warden whoami
  warden service-accounts create ci-github-actions --description "CI deploys"
  warden assignments grant ci-github-actions member
  warden keys create ci-github-actions --label github-actions-prod --ttl 90d --secret-file ci.key
  warden keys list --json`,
    );

  registerServer(program);
  registerInit(program);
  registerProvider(program);
  registerRecover(program);
  registerAuth(program);
  registerCompletion(program);
  const storageVerbs = new Set(program.commands);
  registerWhoami(program);
  registerServiceAccounts(program);
  registerUsers(program);
  registerRoles(program);
  registerAssignments(program);
  registerKeys(program);
  registerAudit(program);
  for (const command of program.commands.filter((c) => !storageVerbs.has(c)).flatMap(leaves)) {
    addClientOptions(command);
  }
  // review and audit-drift attach their own client options.
  registerReviewCommands(program);
  return program;
}

const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * commander answers `warden nope --help` with the root help and exit 0, because the help
 * flag is handled before the unknown word is looked at. When the command path names an
 * unknown command, drop the help flags so that commander reports "unknown command" (exit 2).
 */
export function withoutHelpForUnknownCommand(program: Command, args: string[]): string[] {
  if (!args.some((arg) => HELP_FLAGS.has(arg))) {
    return args;
  }
  let command = program;
  for (const arg of args) {
    if (arg.startsWith('-') || command.commands.length === 0) {
      continue;
    }
    const next = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) {
      return args.filter((a) => !HELP_FLAGS.has(a));
    }
    command = next;
  }
  return args;
}

/** Parses argv and runs the command; sets process.exitCode instead of exiting. */
export async function run(argv: string[] = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv.slice(0, 2), ...withoutHelpForUnknownCommand(program, argv.slice(2))]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; `warden keys` without a verb shows help and is a usage error.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    process.exitCode = reportError(error);
  }
}
