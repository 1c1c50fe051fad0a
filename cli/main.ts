// `warden`: one executable for operators and CI. Storage verbs (server, init) and client
// verbs (whoami, service-accounts, roles, permissions, assignments, keys, audit).
import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './commands/admin.ts';
import { registerServerCommands } from './commands/server.ts';
import { registerReviewCommands } from './commands/review.ts';
import { EXIT } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('warden')
    .description('Machine identities as infrastructure: service accounts, roles and API keys.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 error, 2 usage, 3 unauthenticated, 4 not found, 5 conflict.

Examples:
  warden init --org acme --key-file admin.key
  warden server --port 8080
  WARDEN_ENDPOINT=http://127.0.0.1:8080 WARDEN_API_KEY=$(cat admin.key) warden whoami`,
    );
  registerServerCommands(program);
  registerAdminCommands(program);
  registerReviewCommands(program);
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = EXIT.error;
  }
}
