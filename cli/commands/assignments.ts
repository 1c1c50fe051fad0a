// `warden assignments`: grant and revoke one role (additive), or set the complete role
// set of an account (authoritative). Accounts are named by id or name.
import type { Command } from 'commander';
import { collect } from '../../sdk/paging.ts';
import { action, UsageError } from '../context.ts';
import { examples } from '../help.ts';
import { printRecord, printTable } from '../output.ts';
import { confirm } from '../prompt.ts';
import { accountId } from '../resolve.ts';

export function registerAssignments(program: Command): void {
  const assignments = program.command('assignments').description('Which service account holds which role.');
  examples(
    assignments,
    'warden assignments grant ci-github-actions member',
    'warden assignments set ci-github-actions member reader',
    'warden assignments list --role admin',
  );

  examples(
    assignments
      .command('list')
      .description('List role assignments.')
      .option('--service-account <account>', 'only this account (id or name)')
      .option('--role <name>', 'only this role')
      .action(
        action<[], { serviceAccount?: string; role?: string }>(async (client, options) => {
          const serviceAccountId = options.serviceAccount ? await accountId(client, options.serviceAccount) : undefined;
          const items = await collect(client.assignments.iterate({ serviceAccountId, role: options.role }));
          return { json: items, human: () => printTable(items, ['id', 'service_account_id', 'role', 'created_at']) };
        }),
      ),
    'warden assignments list --service-account ci-github-actions',
  );

  examples(
    assignments
      .command('grant <account> <role>')
      .description('Grant one role to an account (additive; other roles stay).')
      .action(
        action<[string, string]>(async (client, _options, account, role) => {
          const granted = await client.assignments.grant(await accountId(client, account), role);
          return { json: granted, human: () => printRecord(granted) };
        }),
      ),
    'warden assignments grant ci-github-actions reader',
  );

  examples(
    assignments
      .command('revoke <assignment>')
      .alias('remove')
      .description('Remove one role assignment, by its id (ra_…; see `assignments list`). Asks first on a terminal.')
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        action<[string], { yes?: boolean }>(async (client, options, id) => {
          await confirm(`remove role assignment ${id}`, options.yes);
          await client.assignments.revoke(id);
          return { json: { deleted: id }, human: () => process.stdout.write(`removed assignment ${id}\n`) };
        }),
      ),
    'warden assignments revoke ra_0123456789abcdefghij',
    'warden assignments remove ra_0123456789abcdefghij --yes   # in scripts',
  );

  examples(
    assignments
      .command('set <account> [roles...]')
      .description('Replace the complete role set of an account (authoritative): roles not listed are removed.')
      .option('--none', 'remove every role (required to set an empty set, so that a forgotten argument cannot strip an account)')
      .action(
        action<[string, string[]], { none?: boolean }>(async (client, options, account, roles) => {
          if (roles.length === 0 && !options.none) {
            throw new UsageError('assignments set needs at least one role, or --none to remove every role');
          }
          if (roles.length > 0 && options.none) {
            throw new UsageError('assignments set: give roles or --none, not both');
          }
          const result = await client.roleSets.set(await accountId(client, account), roles);
          return { json: result, human: () => process.stdout.write(`roles: ${result.roles.join(', ') || '(none)'}\n`) };
        }),
      ),
    'warden assignments set ci-github-actions member reader',
    'warden assignments set old-batch-job --none',
  );
}
