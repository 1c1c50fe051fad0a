// `warden init`: bootstraps an organization directly on storage (no server needed) and
// hands over its admin key exactly once — on stdout, or in a new 0600 file. A second run
// changes nothing, says so, and exits 5.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { defaultDataDir } from '../data-dir.ts';
import { examples } from '../help.ts';
import { EXIT, reportError, UsageError } from '../output.ts';
import { checkSecretFile, writeSecretFile } from '../secret-file.ts';

interface InitFlags {
  org: string;
  dataDir: string;
  database?: string;
  personal?: boolean;
  keyFile?: string;
  adminEmail?: string;
  publicUrl?: string;
}

// Hides a password in a database URL before it is printed.
const safeUrl = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * For a second `init` on the same storage: where the existing organization lives, which
 * key files nearby hold its admin key (warden never keeps a copy; `npm start` and the
 * README write them to these places), and how to use it or start fresh.
 */
function whereItLives(flags: InitFlags): string {
  const storage = flags.database ? safeUrl(flags.database) : join(resolve(flags.dataDir), 'warden.db');
  const candidates = [flags.keyFile, ...(flags.database ? [] : [join(flags.dataDir, 'bootstrap-admin.key'), join(flags.dataDir, 'admin.key')])].filter(
    (file): file is string => Boolean(file),
  );
  const found = candidates.filter((file) => existsSync(file)).map((file) => resolve(file));
  const serve = flags.database ? `warden server --database ${safeUrl(flags.database)}` : `warden server --data-dir ${flags.dataDir}`;
  return (
    `  its data:  ${storage}\n` +
    (found.length > 0
      ? `  its key:   ${found.join(', ')} (written when it was created)\n` + `  use it:    ${serve} &  then  export WARDEN_API_KEY=$(cat ${found[0]})\n`
      : `  its key:   shown once when it was created (on stdout, or in the --key-file given then); warden keeps no copy\n` +
        `  use it:    ${serve}, with that key in WARDEN_API_KEY or \`warden auth login\`\n`) +
    `  or start fresh: another --org name, another ${flags.database ? '--database' : '--data-dir'}` +
    (flags.database ? '' : `, or delete ${resolve(flags.dataDir)}`) +
    '\n'
  );
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
      .addOption(
        new Option('--data-dir <dir>', 'directory of the SQLite database warden.db')
          .default(defaultDataDir(), '$WARDEN_DATA_DIR or ./.warden')
          .conflicts('database'),
      )
      .option('--database <url>', 'sqlite:/path/to/warden.db or postgres://user@host:5432/db instead of --data-dir')
      .option('--personal', 'create a personal organization (no service accounts) owned by a user')
      .option('--key-file <file>', 'write the key to this new file (mode 0600) instead of printing it')
      .option('--admin-email <email>', 'also invite this person as the first human admin: prints a one-time invitation URL (valid 24 h) on stdout')
      .option('--public-url <url>', 'base URL of the server for the invitation URL (as `warden server --public-url`)', 'http://127.0.0.1:8080')
      .action(async (flags: InitFlags) => {
        try {
          if (!flags.database) {
            // init creates it anyway; creating it first lets --key-file point into it.
            mkdirSync(flags.dataDir, { recursive: true });
          }
          if (flags.keyFile) {
            // Before anything is created: a key that cannot be stored would be lost for good.
            try {
              checkSecretFile('--key-file', flags.keyFile);
            } catch (error) {
              if (!existsSync(flags.keyFile)) throw error;
              throw new UsageError(
                `${(error as Error).message}\n  if it holds the key of an organization created before, use it: export WARDEN_API_KEY=$(cat ${flags.keyFile}), or \`warden auth login --api-key-stdin < ${flags.keyFile}\``,
              );
            }
          }
          const { initOrganization } = await import('../../server/init.ts');
          const result = await initOrganization({
            org: flags.org,
            dataDir: flags.dataDir,
            database: flags.database,
            personal: flags.personal,
            adminEmail: flags.adminEmail,
            publicUrl: flags.publicUrl,
          });
          if (!result.created || !result.token) {
            process.stderr.write(`${result.message}\n${whereItLives(flags)}`);
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
          if (result.invitationUrl) {
            process.stderr.write(`Invitation for ${flags.adminEmail} (admin, one use, valid 24 h) on stdout; open it in a browser to set a password:\n`);
            process.stdout.write(result.invitationUrl + '\n');
          }
        } catch (error) {
          process.exitCode = reportError(error);
        }
      }),
    'warden init --org acme --key-file ./admin.key',
    'warden init --org acme --key-file ./admin.key --admin-email ada@example.com',
    'export WARDEN_API_KEY=$(cat ./admin.key)',
    'warden init --org acme --database postgres://warden@db:5432/warden > admin.key',
  );
}
