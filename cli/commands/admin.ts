// Everyday client verbs: whoami, service accounts, roles, permissions, assignments,
// keys and the audit trail. Each prints a table, or JSON with --json.
import { collect } from '../../sdk/client.ts';
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { action, UsageError } from '../context.ts';
import { addClientOptions } from '../client-options.ts';
import { printTable } from '../output.ts';

const SA_COLUMNS = ['id', 'name', 'disabled', 'active_key_count', 'description'];
const KEY_COLUMNS = ['id', 'label', 'prefix', 'status', 'expires_at', 'last_used_at'];
const ROLE_COLUMNS = ['name', 'builtin', 'permissions'];


function show(value: Record<string, unknown>) {
  return { json: value, human: () => printTable([value], Object.keys(value).filter((k) => typeof value[k] !== 'object' || value[k] === null)) };
}

export function registerAdminCommands(program: Command): void {
  const before = new Set(program.commands);
  registerCommands(program);
  const leaves = (command: Command): Command[] => (command.commands.length === 0 ? [command] : command.commands.flatMap(leaves));
  for (const command of program.commands.filter((c) => !before.has(c)).flatMap(leaves)) {
    addClientOptions(command);
  }
}

function registerCommands(program: Command): void {
  program
    .command('whoami')
    .description('Show the principal, organization, roles and permissions of the API key in use.')
    .action(
      action(async (client) => {
        const me = await client.whoami();
        return {
          json: me,
          human: () =>
            process.stdout.write(
              `${me.principal.type} ${me.principal.name} (${me.principal.id}) in ${me.organization.kind} organization ${me.organization.name}\n` +
                `key ${me.key.prefix}… ${me.key.label}, ${me.key.expires_at ? `expires ${me.key.expires_at}` : 'never expires'}\n` +
                `roles: ${me.roles.join(', ') || '(none)'}\npermissions: ${me.permissions.join(', ')}\n`,
            ),
        };
      }),
    );

  const sa = program.command('service-accounts').alias('sa').description('Manage service accounts.');
  sa.command('list')
    .description('List service accounts.')
    .option('--name <name>', 'only the account with exactly this name')
    .action(
      action(async (client, _o, flags: { name?: string }) => {
        const items = await collect(client.serviceAccounts.iterate({ name: flags.name }));
        return { json: items, human: () => printTable(items, SA_COLUMNS) };
      }),
    );
  sa.command('get <id>')
    .description('Show one service account by id.')
    .action(action(async (client, _o, id: string) => show((await client.serviceAccounts.get(id)).data)));
  sa.command('create <name>')
    .description('Create a service account.')
    .option('--description <text>', 'what the account is for', '')
    .option('--disabled', 'create it disabled')
    .addHelpText('after', '\nExample:\n  warden service-accounts create ci-github-actions --description "CI deploys"')
    .action(
      action(async (client, _o, name: string, flags: { description: string; disabled?: boolean }) =>
        show((await client.serviceAccounts.create({ name, description: flags.description, disabled: Boolean(flags.disabled) })).data),
      ),
    );
  sa.command('update <id>')
    .description('Change a service account description.')
    .requiredOption('--description <text>', 'the new description')
    .action(action(async (client, _o, id: string, flags: { description: string }) => show((await client.serviceAccounts.update(id, { description: flags.description })).data)));
  sa.command('disable <id>')
    .description('Stop every key of the account at once (reversible with enable).')
    .action(action(async (client, _o, id: string) => show((await client.serviceAccounts.disable(id)).data)));
  sa.command('enable <id>')
    .description('Restore the keys of a disabled account.')
    .action(action(async (client, _o, id: string) => show((await client.serviceAccounts.enable(id)).data)));
  sa.command('delete <id>')
    .description('Delete permanently; revokes every key of the account.')
    .action(
      action(async (client, _o, id: string) => {
        await client.serviceAccounts.delete(id);
        return { json: { deleted: id }, human: () => process.stdout.write(`deleted ${id}\n`) };
      }),
    );

  const roles = program.command('roles').description('Manage custom roles; list built-in ones.');
  roles
    .command('list')
    .description('List built-in and custom roles.')
    .action(
      action(async (client) => {
        const items = await collect(client.roles.iterate());
        return { json: items, human: () => printTable(items, ROLE_COLUMNS) };
      }),
    );
  roles
    .command('get <name>')
    .description('Show one role.')
    .action(action(async (client, _o, name: string) => show((await client.roles.get(name)).data)));
  roles
    .command('create <name>')
    .description('Create a custom role from the permission catalog (see `warden permissions list`).')
    .requiredOption('--permissions <list>', 'comma-separated permissions, e.g. keys:read,keys:write')
    .option('--description <text>', 'what the role is for', '')
    .action(
      action(async (client, _o, name: string, flags: { permissions: string; description: string }) =>
        show((await client.roles.create({ name, description: flags.description, permissions: flags.permissions.split(',').map((p) => p.trim()).filter(Boolean) })).data),
      ),
    );
  roles
    .command('update <name>')
    .description("Change a custom role's permissions or description.")
    .option('--permissions <list>', 'comma-separated permissions')
    .option('--description <text>', 'new description')
    .action(
      action(async (client, _o, name: string, flags: { permissions?: string; description?: string }) => {
        if (!flags.permissions && flags.description === undefined) {
          throw new UsageError('roles update needs --permissions or --description');
        }
        return show(
          (
            await client.roles.update(name, {
              ...(flags.permissions ? { permissions: flags.permissions.split(',').map((p) => p.trim()) } : {}),
              ...(flags.description !== undefined ? { description: flags.description } : {}),
            })
          ).data,
        );
      }),
    );
  roles
    .command('delete <name>')
    .description('Delete a custom role that nobody holds.')
    .action(
      action(async (client, _o, name: string) => {
        await client.roles.delete(name);
        return { json: { deleted: name }, human: () => process.stdout.write(`deleted role ${name}\n`) };
      }),
    );

  program
    .command('permissions')
    .description('The permission catalog custom roles are built from.')
    .command('list')
    .description('List every permission.')
    .action(
      action(async (client) => {
        const items = await client.permissions();
        return { json: items, human: () => printTable(items, ['name', 'management', 'description']) };
      }),
    );

  const assignments = program.command('assignments').description('Grant and remove roles of service accounts.');
  assignments
    .command('list')
    .description('List role assignments.')
    .option('--service-account <id>', 'only this account')
    .option('--role <name>', 'only this role')
    .action(
      action(async (client, _o, flags: { serviceAccount?: string; role?: string }) => {
        const items = await collect(client.assignments.iterate({ serviceAccountId: flags.serviceAccount, role: flags.role }));
        return { json: items, human: () => printTable(items, ['id', 'service_account_id', 'role', 'created_at']) };
      }),
    );
  assignments
    .command('grant <serviceAccountId> <role>')
    .description('Grant a role (additive).')
    .action(action(async (client, _o, id: string, role: string) => show(await client.assignments.grant(id, role))));
  assignments
    .command('revoke <assignmentId>')
    .description('Remove one role assignment.')
    .action(
      action(async (client, _o, id: string) => {
        await client.assignments.revoke(id);
        return { json: { deleted: id }, human: () => process.stdout.write(`removed ${id}\n`) };
      }),
    );
  assignments
    .command('set <serviceAccountId> [roles...]')
    .description('Replace the complete role set of an account (authoritative).')
    .action(
      action(async (client, _o, id: string, roleNames: string[]) => {
        const result = await client.roleSets.set(id, roleNames);
        return { json: result, human: () => process.stdout.write(`roles: ${result.roles.join(', ') || '(none)'}\n`) };
      }),
    );

  const keys = program.command('keys').description('Issue, list and revoke API keys.');
  keys
    .command('list')
    .description('List keys (metadata only; secrets are never shown again).')
    .option('--service-account <id>', 'only keys of this account')
    .addOption(new Option('--status <status>', 'only keys in this state').choices(['active', 'expired', 'revoked']))
    .action(
      action(async (client, _o, flags: { serviceAccount?: string; status?: 'active' | 'expired' | 'revoked' }) => {
        const items = await collect(client.keys.iterate({ serviceAccountId: flags.serviceAccount, status: flags.status }));
        return { json: items, human: () => printTable(items, KEY_COLUMNS) };
      }),
    );
  keys
    .command('get <keyId>')
    .description('Show one key.')
    .action(action(async (client, _o, id: string) => show((await client.keys.get(id)).data)));
  keys
    .command('create <serviceAccountId>')
    .description('Issue a key. The secret is printed once (or written to --secret-file with mode 0600).')
    .requiredOption('--label <label>', 'where the key runs, e.g. github-actions-prod')
    .option('--ttl <duration>', 'time to live, e.g. 90d; omit for a non-expiring key')
    .option('--description <text>', 'what the key is for', '')
    .option('--secret-file <file>', 'write the secret here (mode 0600) instead of printing it')
    .addHelpText('after', '\nExample:\n  warden keys create sa_… --label github-actions-prod --ttl 90d --secret-file ./key')
    .action(
      action(async (client, _o, id: string, flags: { label: string; ttl?: string; description: string; secretFile?: string }) => {
        const created = await client.keys.create(id, { label: flags.label, description: flags.description, ...(flags.ttl ? { ttl: flags.ttl } : {}) });
        if (flags.secretFile && created.secret) {
          writeFileSync(flags.secretFile, created.secret + '\n', { mode: 0o600 });
        }
        const { secret, ...metadata } = created;
        const shown = flags.secretFile ? { ...metadata, secret_file: flags.secretFile } : created;
        return {
          json: shown,
          human: () => {
            printTable([metadata], KEY_COLUMNS);
            process.stdout.write(flags.secretFile ? `secret written to ${flags.secretFile} (mode 0600)\n` : `secret (shown once): ${secret}\n`);
          },
        };
      }),
    );
  keys
    .command('revoke <keyId>')
    .description('Revoke a key now, or after --grace-period.')
    .option('--grace-period <duration>', 'keep the key working this long, e.g. 1h')
    .action(action(async (client, _o, id: string, flags: { gracePeriod?: string }) => show(await client.keys.revoke(id, flags.gracePeriod))));

  const auditCommand = program.command('audit').description('Read the audit trail.');
  auditCommand
    .command('list')
    .description('List audit events, newest first.')
    .option('--target <id>', 'only events about this target')
    .option('--action <action>', 'only this action, e.g. api_key.create')
    .option('--limit <n>', 'at most this many events', '50')
    .action(
      action(async (client, _o, flags: { target?: string; action?: string; limit: string }) => {
        const items = (await client.audit.list({ target_id: flags.target, action: flags.action, limit: Number(flags.limit) })).items;
        const rows = items.map((e) => ({ occurred_at: e.occurred_at, principal: e.principal.name, action: e.action, target: `${e.target.type}:${e.target.name}` }));
        return { json: items, human: () => printTable(rows, ['occurred_at', 'principal', 'action', 'target']) };
      }),
    );
}
