// Operator verbs that work on storage: `warden server` and `warden init`.
import { chmodSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT } from '../output.ts';

const DEFAULT_DATA_DIR = () => process.env.WARDEN_DATA_DIR ?? '.warden';

export function registerServerCommands(program: Command): void {
  program
    .command('server')
    .description('Run the reference server (SQLite under --data-dir by default).')
    .option('--data-dir <dir>', 'where warden.db lives', DEFAULT_DATA_DIR())
    .option('--database <url>', 'sqlite:/path/warden.db or postgres://… (overrides --data-dir)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on; 0 picks a free one', '8080')
    .option('--log-level <level>', 'trace, debug, info, warn or error', 'info')
    .action(async (flags: { dataDir: string; database?: string; host: string; port: string; logLevel: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`error: --port "${flags.port}" is not a port number (0–65535)\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const { startServer } = await import('../../server/start.ts');
      const server = await startServer({ dataDir: flags.dataDir, database: flags.database, host: flags.host, port, logLevel: flags.logLevel });
      process.stdout.write(`listening on ${server.url}\n`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('init')
    .description('Create a shared organization with a bootstrap-admin service account, and print its key once.')
    .requiredOption('--org <name>', 'the organization name, e.g. acme')
    .option('--data-dir <dir>', 'where warden.db lives', DEFAULT_DATA_DIR())
    .option('--database <url>', 'sqlite:/path/warden.db or postgres://…')
    .option('--personal', 'create a personal organization owned by a user instead')
    .option('--key-file <file>', 'write the key to this file (mode 0600) instead of printing it')
    .addHelpText('after', '\nExample:\n  warden init --org acme --key-file ./admin.key\n  export WARDEN_API_KEY=$(cat ./admin.key)')
    .action(async (flags: { org: string; dataDir: string; database?: string; personal?: boolean; keyFile?: string }) => {
      const { initOrganization } = await import('../../server/init.ts');
      const result = await initOrganization({ org: flags.org, dataDir: flags.dataDir, database: flags.database, personal: flags.personal });
      if (!result.created || !result.token) {
        process.stderr.write(`${result.message}\n`);
        process.exitCode = EXIT.conflict;
        return;
      }
      process.stderr.write(`${result.message}\n`);
      if (flags.keyFile) {
        writeFileSync(flags.keyFile, result.token + '\n', { mode: 0o600 });
        chmodSync(flags.keyFile, 0o600);
        process.stderr.write(`The key was written to ${flags.keyFile} (mode 0600). It is not shown again.\n`);
      } else {
        process.stderr.write('The key follows on stdout. It is shown once; store it now.\n');
        process.stdout.write(result.token + '\n');
      }
    });
}
