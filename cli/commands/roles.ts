// `warden roles` (list, get, create, update, delete) and `warden permissions list`, the
// catalog custom roles are built from.
import type { Command } from 'commander';
import { collect } from '../../sdk/paging.ts';
import { action, UsageError } from '../context.ts';
import { examples } from '../help.ts';
import { listOption } from '../parsers.ts';
import { printRecord, printTable } from '../output.ts';
import { confirm } from '../prompt.ts';

const COLUMNS = ['name', 'builtin', 'permissions', 'description'];
const show = (role: Record<string, unknown>) => ({ json: role, human: () => printRecord(role) });

export function registerRoles(program: Command): void {
  const roles = program.command('roles').description('Built-in roles (admin, member, snapshotter, reader) and custom roles.');
  examples(roles, 'warden roles list', 'warden roles create deployer --permissions keys:read,keys:write --description "issues CI keys"');

  examples(
    roles
      .command('list')
      .description('List built-in and custom roles with their permissions.')
      .action(
        action(async (client) => {
          const items = await collect(client.roles.iterate());
          return { json: items, human: () => printTable(items, COLUMNS) };
        }),
      ),
    'warden roles list',
  );

  examples(
    roles
      .command('get <name>')
      .description('Show one role.')
      .action(action<[string]>(async (client, _options, name) => show((await client.roles.get(name)).data))),
    'warden roles get member',
  );

  examples(
    roles
      .command('create <name>')
      .description('Create a custom role from permissions of the catalog (`warden permissions list`).')
      .requiredOption('--permissions <list>', 'comma-separated permissions, e.g. keys:read,keys:write', listOption)
      .option('--description <text>', 'what the role is for', '')
      .action(
        action<[string], { permissions: string[]; description: string }>(async (client, options, name) =>
          show((await client.roles.create({ name, description: options.description, permissions: options.permissions })).data),
        ),
      ),
    'warden roles create deployer --permissions keys:read,keys:write,service_accounts:read',
  );

  examples(
    roles
      .command('update <name>')
      .description("Change a custom role's permissions (the complete new list) or description. Takes effect on the next request.")
      .option('--permissions <list>', 'comma-separated permissions, replacing the current ones', listOption)
      .option('--description <text>', 'the new description')
      .action(
        action<[string], { permissions?: string[]; description?: string }>(async (client, options, name) => {
          if (!options.permissions && options.description === undefined) {
            throw new UsageError('roles update needs --permissions LIST and/or --description TEXT');
          }
          const { etag } = await client.roles.get(name);
          const body = {
            ...(options.permissions ? { permissions: options.permissions } : {}),
            ...(options.description !== undefined ? { description: options.description } : {}),
          };
          return show((await client.roles.update(name, body, etag)).data);
        }),
      ),
    'warden roles update deployer --permissions keys:read,keys:write,keys:revoke',
  );

  examples(
    roles
      .command('delete <name>')
      .description('Delete a custom role. Refused (exit 5) while any account holds it. Asks first on a terminal.')
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        action<[string], { yes?: boolean }>(async (client, options, name) => {
          await confirm(`delete role ${name}`, options.yes);
          await client.roles.delete(name);
          return { json: { deleted: name }, human: () => process.stdout.write(`deleted role ${name}\n`) };
        }),
      ),
    'warden roles delete deployer',
    'warden roles delete deployer --yes   # in scripts',
  );

  const permissions = program.command('permissions').description('The permission catalog custom roles are built from.');
  examples(
    permissions
      .command('list')
      .description('List every permission; "management" ones (granting roles, defining roles) need admin to hand out.')
      .action(
        action(async (client) => {
          const items = await client.permissions();
          return { json: items, human: () => printTable(items, ['name', 'management', 'description']) };
        }),
      ),
    'warden permissions list',
  );
}
