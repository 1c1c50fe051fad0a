// Options every client command accepts, attached to each leaf command so that they may
// follow the verb (`warden sa list --json`) as people and CI scripts write them.
import type { Command } from 'commander';

export function addClientOptions(command: Command): void {
  command
    .option('--endpoint <url>', 'server URL (default: $WARDEN_ENDPOINT)')
    .option('--api-key <key>', 'API key; discouraged, flags show up in process lists and shell history (default: $WARDEN_API_KEY)')
    .option('--org <name>', "organization name (default: $WARDEN_ORG, else the API key's own organization)")
    .option('--json', 'print JSON for machines instead of tables (errors go to stderr as JSON too)');
}
