// `warden service-accounts` (alias `sa`): list, get, create, update, disable, enable, delete.
// Accounts are named by id (sa_…) or by name.
import type { Command } from 'commander';
import { collect } from '../../sdk/paging.ts';
import { action, UsageError } from '../context.ts';
import { examples } from '../help.ts';
import { printRecord, printTable } from '../output.ts';
import { confirm } from '../prompt.ts';
import { accountId } from '../resolve.ts';

const COLUMNS = ['id', 'name', 'disabled', 'active_key_count', 'description'];
const show = (account: Record<string, unknown>) => ({ json: account, human: () => printRecord(account) });

export function registerServiceAccounts(program: Command): void {
  const sa = program.command('service-accounts').alias('sa').description('Manage service accounts: machine principals that hold roles and API keys.');
  examples(sa, 'warden service-accounts create ci-github-actions --description "CI deploys"', 'warden sa list', 'warden sa disable ci-github-actions');

  examples(
    sa
      .command('list')
      .description('List the service accounts of the organization (every page).')
      .option('--name <name>', 'only the account with exactly this name')
      .action(
        action<[], { name?: string }>(async (client, options) => {
          const items = await collect(client.serviceAccounts.iterate({ name: options.name }));
          return { json: items, human: () => printTable(items, COLUMNS) };
        }),
      ),
    'warden sa list',
    'warden sa list --json | jq -r ".[].name"',
  );

  examples(
    sa
      .command('get <account>')
      .description('Show one service account, by id (sa_…) or name.')
      .action(action<[string]>(async (client, _options, account) => show((await client.serviceAccounts.get(await accountId(client, account))).data))),
    'warden sa get ci-github-actions',
  );

  examples(
    sa
      .command('create <name>')
      .description('Create a service account. Names: 3–63 lowercase letters, digits and single hyphens, starting with a letter.')
      .option('--description <text>', 'what the account is for', '')
      .option('--disabled', 'create it disabled (its keys will not work until `enable`)')
      .action(
        action<[string], { description: string; disabled?: boolean }>(async (client, options, name) =>
          show((await client.serviceAccounts.create({ name, description: options.description, disabled: Boolean(options.disabled) })).data),
        ),
      ),
    'warden sa create ci-github-actions --description "CI deploys to prod"',
  );

  examples(
    sa
      .command('update <account>')
      .description("Change a service account's description.")
      .option('--description <text>', 'the new description')
      .action(
        action<[string], { description?: string }>(async (client, options, account) => {
          if (options.description === undefined) {
            throw new UsageError('service-accounts update needs --description TEXT (use disable/enable to switch it off and on)');
          }
          return show((await client.serviceAccounts.update(await accountId(client, account), { description: options.description })).data);
        }),
      ),
    'warden sa update ci-github-actions --description "CI deploys to staging and prod"',
  );

  examples(
    sa
      .command('disable <account>')
      .description('Stop every key of the account at once. Reversible with `enable`.')
      .action(action<[string]>(async (client, _options, account) => show((await client.serviceAccounts.disable(await accountId(client, account))).data))),
    'warden sa disable ci-github-actions',
  );

  examples(
    sa
      .command('enable <account>')
      .description('Let the keys of a disabled account work again.')
      .action(action<[string]>(async (client, _options, account) => show((await client.serviceAccounts.enable(await accountId(client, account))).data))),
    'warden sa enable ci-github-actions',
  );

  examples(
    sa
      .command('delete <account>')
      .description('Delete permanently: revokes every key and removes every role assignment. The audit trail keeps it. Asks first on a terminal.')
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        action<[string], { yes?: boolean }>(async (client, options, account) => {
          await confirm(`delete service account ${account} with all its keys and role assignments`, options.yes);
          const id = await accountId(client, account);
          await client.serviceAccounts.delete(id);
          return { json: { deleted: id }, human: () => process.stdout.write(`deleted service account ${id}\n`) };
        }),
      ),
    'warden sa delete old-batch-job',
    'warden sa delete old-batch-job --yes   # in scripts',
  );
}
