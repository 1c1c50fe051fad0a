// `warden recover`: break-glass on the storage (no server, no API call) for an
// organization whose admins are all locked out. The new admin key goes only to a new
// 0600 --key-file, written before the change commits; it is never printed.
import { rmSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { defaultDataDir } from '../data-dir.ts';
import { examples } from '../help.ts';
import { EXIT, reportError } from '../output.ts';
import { checkSecretFile, writeSecretFile } from '../secret-file.ts';

interface RecoverFlags {
  org: string;
  dataDir: string;
  database?: string;
  keyFile: string;
  ttl: string;
}

export function registerRecover(program: Command): void {
  examples(
    program
      .command('recover')
      .description(
        'Break-glass for operators who can reach the storage when no admin key works: creates or re-enables the ' +
          '`recovery-admin` service account with admin, issues it a key written only to --key-file (mode 0600, never printed), ' +
          'and records organization.recover in the audit trail. Makes no API call. Afterwards create a regular admin and key, ' +
          'then disable recovery-admin.',
      )
      .requiredOption('--org <name>', 'the organization to recover, e.g. acme')
      .addOption(
        new Option('--data-dir <dir>', 'directory of the SQLite database warden.db')
          .default(defaultDataDir(), '$WARDEN_DATA_DIR or ./.warden')
          .conflicts('database'),
      )
      .option('--database <url>', 'sqlite:/path/to/warden.db or postgres://user@host:5432/db instead of --data-dir')
      .requiredOption('--key-file <file>', 'write the recovery key to this new file (mode 0600)')
      .option('--ttl <duration>', 'lifetime of the recovery key', '1d')
      .action(async (flags: RecoverFlags) => {
        let wrote = false;
        try {
          // Before anything changes: a key that cannot be stored must not be issued.
          checkSecretFile('--key-file', flags.keyFile);
          const { recoverOrganization, RecoverError } = await import('../../server/recover.ts');
          try {
            const result = await recoverOrganization({
              org: flags.org,
              dataDir: flags.dataDir,
              database: flags.database,
              ttl: flags.ttl,
              deliver: (token) => {
                writeSecretFile(flags.keyFile, token);
                wrote = true;
              },
            });
            process.stderr.write(`${result.message}\n`);
            process.stderr.write(`The key was written to ${flags.keyFile} (mode 0600). It is not shown anywhere else.\n`);
            process.stderr.write('Next: create a regular admin service account and key with it, then disable recovery-admin.\n');
          } catch (error) {
            if (error instanceof RecoverError && error.kind === 'not_found') {
              process.stderr.write(`error: ${error.message}\n`);
              process.exitCode = EXIT.notFound;
              return;
            }
            throw error;
          }
        } catch (error) {
          if (wrote) {
            // The change was rolled back; the key in the file would not work.
            rmSync(flags.keyFile, { force: true });
          }
          process.exitCode = reportError(error);
        }
      }),
    'warden recover --org acme --data-dir /var/lib/warden --key-file ./recovery.key',
    'warden recover --org acme --database postgres://warden@db:5432/warden --key-file ./recovery.key --ttl 4h',
    'export WARDEN_API_KEY=$(cat ./recovery.key)',
  );
}
