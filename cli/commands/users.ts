// `warden users` (people): invite, list, get, set-role, remove; and `warden me` for the
// calling user's memberships and personal API keys. Users are named by id (usr_…) or email.
import type { Command } from 'commander';
import type { WardenClient } from '../../sdk/client.ts';
import { WardenApiError } from '../../sdk/errors.ts';
import { collect } from '../../sdk/paging.ts';
import { USER_ID_PATTERN } from '../../sdk/rules.ts';
import { action } from '../context.ts';
import { examples } from '../help.ts';
import { listOption } from '../parsers.ts';
import { printRecord, printTable } from '../output.ts';
import { confirm } from '../prompt.ts';

const COLUMNS = ['id', 'email', 'display_name', 'roles', 'joined_at'];
const KEY_COLUMNS = ['id', 'label', 'prefix', 'status', 'expires_at', 'last_used_at'];
const show = (record: Record<string, unknown>) => ({ json: record, human: () => printRecord(record) });

async function userId(client: WardenClient, reference: string): Promise<string> {
  if (USER_ID_PATTERN.test(reference)) {
    return reference;
  }
  const found = await client.users.findByEmail(reference);
  if (!found) {
    throw new WardenApiError({
      status: 404,
      code: 'not_found',
      detail: `no member with email "${reference}" in organization ${await client.organization()}; \`warden users list\` shows them`,
    });
  }
  return found.id;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('People of the organization: invite them, list them, change their roles, remove them.');
  examples(users, 'warden users invite ada@example.com --role member', 'warden users list', 'warden users set-role ada@example.com reader');

  examples(
    users
      .command('invite <email>')
      .description('Invite a person with a role; prints a one-time invitation URL, valid 24 hours (shown only now).')
      .requiredOption('--role <role>', 'the role they get on accepting (you must be allowed to grant it)')
      .action(
        action<[string], { role: string }>(async (client, options, email) => {
          const invitation = await client.invitations.create({ email, role: options.role });
          return {
            json: invitation,
            human: () =>
              process.stdout.write(
                `${invitation.invitation_url}\n` +
                  `Send this link to ${invitation.email} (role ${invitation.role}); it works once, until ${invitation.expires_at}.\n`,
              ),
          };
        }),
      ),
    'warden users invite ada@example.com --role member',
    'warden users invite ada@example.com --role admin --json | jq -r .invitation_url',
  );

  examples(
    users
      .command('list')
      .description('List the members of the organization with their roles (every page).')
      .option('--email <email>', 'only the member with this email')
      .action(
        action<[], { email?: string }>(async (client, options) => {
          const items = await collect(client.users.iterate(options.email ? { email: options.email } : {}));
          return { json: items, human: () => printTable(items, COLUMNS) };
        }),
      ),
    'warden users list',
    'warden users list --json | jq -r ".[].email"',
  );

  examples(
    users
      .command('get <user>')
      .description('Show one member, by id (usr_…) or email.')
      .action(action<[string]>(async (client, _options, user) => show(await client.users.get(await userId(client, user))))),
    'warden users get ada@example.com',
  );

  examples(
    users
      .command('set-role <user> <roles>')
      .description("Replace a member's roles (comma-separated). The escalation and last-admin rules of service accounts apply.")
      .action(
        action<[string, string]>(async (client, _options, user, roles) => show(await client.users.setRoles(await userId(client, user), listOption(roles)))),
      ),
    'warden users set-role ada@example.com admin',
    'warden users set-role ada@example.com member,snapshotter',
  );

  examples(
    users
      .command('remove <user>')
      .description('Remove a member from the organization (their personal keys stop working here). Asks first on a terminal.')
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        action<[string], { yes?: boolean }>(async (client, options, user) => {
          await confirm(`remove ${user} from the organization`, options.yes);
          const id = await userId(client, user);
          await client.users.remove(id);
          return { json: { removed: id }, human: () => process.stdout.write(`removed ${id}\n`) };
        }),
      ),
    'warden users remove ada@example.com --yes',
  );

  const me = program
    .command('me')
    .description('The calling user (with a personal key): memberships and personal API keys. Personal keys are rarely right for automation.');
  examples(me, 'warden me show', 'warden me keys create laptop --ttl 30d');
  examples(
    me
      .command('show')
      .description('Your user and the organizations you belong to, with your roles there.')
      .action(
        action<[]>(async (client) => {
          const found = await client.me.get();
          return {
            json: found,
            human: () => {
              printRecord(found.user);
              printTable(
                found.memberships.map((m) => ({ organization: m.organization.name, kind: m.organization.kind, roles: m.roles })),
                ['organization', 'kind', 'roles'],
              );
            },
          };
        }),
      ),
    'warden me show --api-key "$MY_PERSONAL_KEY"',
  );
  const keys = me.command('keys').description('Your personal API keys (at most 5 active); they act as you in every organization you belong to.');
  examples(
    keys
      .command('list')
      .description('List your personal keys (never the secrets).')
      .action(
        action<[]>(async (client) => {
          const items = await collect(client.me.keys.iterate());
          return { json: items, human: () => printTable(items, KEY_COLUMNS) };
        }),
      ),
    'warden me keys list',
  );
  examples(
    keys
      .command('create <label>')
      .description('Create a personal key; the secret is printed once.')
      .option('--ttl <duration>', 'time to live, e.g. 30d (default 90d, at most 365d)')
      .option('--description <text>', 'what it is for', '')
      .action(
        action<[string], { ttl?: string; description: string }>(async (client, options, label) => {
          const key = await client.me.keys.create({ label, description: options.description, ...(options.ttl ? { ttl: options.ttl } : {}) });
          return {
            json: key,
            human: () => process.stdout.write(`${key.secret}\nThis secret is shown only now (key ${key.id}, expires ${key.expires_at}).\n`),
          };
        }),
      ),
    'warden me keys create laptop --ttl 30d',
  );
  examples(
    keys
      .command('revoke <key>')
      .description('Revoke one of your personal keys now.')
      .action(action<[string]>(async (client, _options, key) => show(await client.me.keys.revoke(key)))),
    'warden me keys revoke key_0123456789abcdefghij',
  );
}
