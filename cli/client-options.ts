// Options every client command accepts, wherever they appear on the command line.
import type { Command } from 'commander';

/** Client options on every client leaf command, so they may follow the verb (`warden sa list --json`). */
export function addClientOptions(command: Command): void {
  command
    .option('--endpoint <url>', 'server URL (default: $WARDEN_ENDPOINT)')
    .option('--api-key <key>', 'API key (prefer $WARDEN_API_KEY: flags show up in process lists)')
    .option('--org <name>', "organization (default: $WARDEN_ORG, else the key's own)")
    .option('--json', 'print JSON for machines instead of tables');
}
