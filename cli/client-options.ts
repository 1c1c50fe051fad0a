// Options every client command accepts (flags beat the environment, which beats a
// config-file profile), attached to each leaf command so that they may
// follow the verb (`warden sa list --json`) as people and CI scripts write them.
import type { Command } from 'commander';

export function addClientOptions(command: Command): void {
  command
    .option('--endpoint <url>', "server URL (default: $WARDEN_ENDPOINT, else the profile's)")
    .option('--api-key <key>', "API key; discouraged, flags show up in process lists and shell history (default: $WARDEN_API_KEY, else the profile's)")
    .option('--org <name>', "organization name (default: $WARDEN_ORG, else the profile's, else the API key's own organization)")
    .option('--profile <name>', 'credentials profile of the config file (default: $WARDEN_PROFILE, else the current profile)')
    .option('--config-file <path>', 'config file with profiles (default: $WARDEN_CONFIG_FILE, else ~/.config/warden/config.yaml)')
    .option('--json', 'print JSON for machines instead of tables (errors go to stderr as JSON too)');
}
