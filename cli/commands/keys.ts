// `warden keys`: list, get, create (the secret is shown once, or written to a 0600 file),
// update the description, revoke now or after a grace period.
import { Option, type Command } from 'commander';
import { collect } from '../../sdk/paging.ts';
import { action } from '../context.ts';
import { examples } from '../help.ts';
import { durationOption } from '../parsers.ts';
import { printRecord, printTable } from '../output.ts';
import { confirm } from '../prompt.ts';
import { accountId } from '../resolve.ts';
import { checkSecretFile, writeSecretFile } from '../secret-file.ts';

// `account` is the service account's name, added for people; --json keeps the API's shape.
const COLUMNS = ['id', 'account', 'label', 'prefix', 'status', 'expires_at', 'last_used_at'];
const show = (key: Record<string, unknown>) => ({ json: key, human: () => printRecord(key) });

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys of service accounts: issue, list, revoke. A secret is shown only once, at creation.');
  examples(
    keys,
    'warden keys create ci-github-actions --label github-actions-prod --ttl 90d --secret-file ./ci.key',
    'warden keys list --service-account ci-github-actions',
  );

  examples(
    keys
      .command('list')
      .description('List keys: metadata, expiry and last use (never the secret).')
      .option('--service-account <account>', 'only keys of this account (id or name)')
      .option('--label <label>', 'only keys with exactly this label')
      .addOption(new Option('--status <status>', 'only keys in this state').choices(['active', 'expired', 'revoked']))
      .action(
        action<[], { serviceAccount?: string; label?: string; status?: 'active' | 'expired' | 'revoked' }>(async (client, options) => {
          const serviceAccountId = options.serviceAccount ? await accountId(client, options.serviceAccount) : undefined;
          const items = await collect(client.keys.iterate({ serviceAccountId, label: options.label, status: options.status }));
          if (options.json) {
            return { json: items, human: () => undefined };
          }
          // One listing of accounts (not one lookup per key) names every key's account.
          const names = new Map((await collect(client.serviceAccounts.iterate())).map((account) => [account.id, account.name]));
          const rows = items.map((key) => ({ ...key, account: names.get(key.service_account_id) ?? key.service_account_id }));
          return { json: items, human: () => printTable(rows, COLUMNS) };
        }),
      ),
    'warden keys list --status active',
    'warden keys list --service-account ci-github-actions --json',
  );

  examples(
    keys
      .command('get <key>')
      .description('Show one key by id (key_…).')
      .action(action<[string]>(async (client, _options, id) => show((await client.keys.get(id)).data))),
    'warden keys get key_0123456789abcdefghij',
  );

  examples(
    keys
      .command('create <account>')
      .description('Issue a key for an account (id or name). The secret is printed once; with --secret-file it is written to a new file (mode 0600) instead.')
      .requiredOption('--label <label>', 'where the key runs, e.g. github-actions-prod')
      .option('--ttl <duration>', 'time to live: a whole number and s, m, h or d, e.g. 90d; omit for a key that never expires', durationOption('--ttl'))
      .option('--description <text>', 'what the key is for', '')
      .option('--secret-file <file>', 'write the secret to this new file (mode 0600) instead of printing it')
      .action(
        action<[string], { label: string; ttl?: string; description: string; secretFile?: string }>(async (client, options, account) => {
          if (options.secretFile) {
            // Before the key exists: a secret that cannot be stored is a secret lost.
            checkSecretFile('--secret-file', options.secretFile);
          }
          const created = await client.keys.create(await accountId(client, account), {
            label: options.label,
            description: options.description,
            ...(options.ttl ? { ttl: options.ttl } : {}),
          });
          const { secret, ...metadata } = created;
          if (!secret) {
            throw new Error(
              `the server returned no secret for ${metadata.id} (a replayed create whose secret has left the server's memory); revoke it and create a new key`,
            );
          }
          if (options.secretFile) {
            try {
              writeSecretFile(options.secretFile, secret);
            } catch (error) {
              // The key exists now; printing it is the only way not to lose it.
              process.stderr.write(
                `error: could not write ${options.secretFile} (${(error as Error).message}); the secret follows on stdout instead, store it now\n`,
              );
              process.stdout.write(secret + '\n');
              process.exitCode = 1;
              return;
            }
          }
          const json = options.secretFile ? { ...metadata, secret_file: options.secretFile } : created;
          return {
            json,
            human: () => {
              printRecord(metadata, ['id', 'service_account_id', 'label', 'prefix', 'status', 'expires_at']);
              process.stdout.write(
                options.secretFile
                  ? `secret written to ${options.secretFile} (mode 0600); it is not shown again\n`
                  : `secret (shown once, store it now):\n${secret}\n`,
              );
            },
          };
        }),
      ),
    'warden keys create ci-github-actions --label github-actions-prod --ttl 90d --secret-file ./ci.key',
    'warden keys create ci-github-actions --label laptop --ttl 12h --json | jq -r .secret',
  );

  examples(
    keys
      .command('update <key>')
      .description("Change a key's description (the only mutable field; anything else means a new key).")
      .requiredOption('--description <text>', 'the new description')
      .action(
        action<[string], { description: string }>(async (client, options, id) => {
          const { etag } = await client.keys.get(id);
          return show((await client.keys.update(id, { description: options.description }, etag)).data);
        }),
      ),
    'warden keys update key_0123456789abcdefghij --description "rotated by the platform team"',
  );

  examples(
    keys
      .command('revoke <key>')
      .description('Revoke a key now, or let it keep working for --grace-period first. Asks first on a terminal.')
      .option('--grace-period <duration>', 'keep the key working this long, e.g. 1h', durationOption('--grace-period'))
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        action<[string], { gracePeriod?: string; yes?: boolean }>(async (client, options, id) => {
          await confirm(`revoke key ${id}${options.gracePeriod ? ` after a grace period of ${options.gracePeriod}` : ' now'}`, options.yes);
          return show(await client.keys.revoke(id, options.gracePeriod));
        }),
      ),
    'warden keys revoke key_0123456789abcdefghij',
    'warden keys revoke key_0123456789abcdefghij --yes   # in scripts',
    'warden keys revoke key_0123456789abcdefghij --grace-period 1h',
  );
}
