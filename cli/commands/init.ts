// `warden init`: bootstraps an organization directly on storage (no server needed) and
// hands over its admin key exactly once — on stdout, or in a new 0600 file. A second run
// changes nothing, says so, and exits 5.
import { Option, type Command } from 'commander';
import { defaultDataDir } from '../data-dir.ts';
import { examples } from '../help.ts';
import { EXIT, reportError } from '../output.ts';
import { checkSecretFile, writeSecretFile } from '../secret-file.ts';

interface InitFlags {
  org: string;
  dataDir: string;
  database?: string;
  personal?: boolean;
  keyFile?: string;
}

export function registerInit(program: Command): void {
  examples(
    program
      .command('init')
      .description(
        'Create an organization on storage (no server needed): a shared one with a `bootstrap-admin` service account holding admin, ' +
          'or with --personal a personal one owned by a user. Its key is printed once on stdout (messages go to stderr), or written to --key-file. ' +
          'Running it again changes nothing and exits 5.',
      )
      .requiredOption('--org <name>', 'organization name: 3–63 lowercase letters, digits and single hyphens, e.g. acme')
      .addOption(new Option('--data-dir <dir>', 'directory of the SQLite database warden.db').default(defaultDataDir(), '$WARDEN_DATA_DIR or ./.warden').conflicts('database'))
      .option('--database <url>', 'sqlite:/path/to/warden.db or postgres://user@host:5432/db instead of --data-dir')
      .option('--personal', 'create a personal organization (no service accounts) owned by a user')
      .option('--key-file <file>', 'write the key to this new file (mode 0600) instead of printing it')
      .action(async (flags: InitFlags) => {
        try {
          if (flags.keyFile) {
            // Before anything is created: a key that cannot be stored would be lost for good.
            checkSecretFile('--key-file', flags.keyFile);
          }
          const { initOrganization } = await import('../../server/init.ts');
          const result = await initOrganization({ org: flags.org, dataDir: flags.dataDir, database: flags.database, personal: flags.personal });
          if (!result.created || !result.token) {
            process.stderr.write(`${result.message}\n`);
            process.exitCode = EXIT.conflict;
            return;
          }
          process.stderr.write(`${result.message}\n`);
          if (flags.keyFile) {
            try {
              writeSecretFile(flags.keyFile, result.token);
            } catch (error) {
              // The organization exists now; printing the key is the only way not to lose it.
              process.stderr.write(`error: could not write ${flags.keyFile} (${(error as Error).message}); the key follows on stdout instead, store it now\n`);
              process.stdout.write(result.token + '\n');
              process.exitCode = EXIT.error;
              return;
            }
            process.stderr.write(`The key was written to ${flags.keyFile} (mode 0600). It is not shown again.\n`);
          } else {
            process.stderr.write('The key follows on stdout. It is shown once; store it now.\n');
            process.stdout.write(result.token + '\n');
          }
        } catch (error) {
          process.exitCode = reportError(error);
        }
      }),
    'warden init --org acme --key-file ./admin.key',
    'export WARDEN_API_KEY=$(cat ./admin.key)',
    'warden init --org acme --database postgres://warden@db:5432/warden > admin.key',
  );
}
