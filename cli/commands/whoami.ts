// `warden whoami`: which principal, organization, roles and permissions the key in use has.
import type { Command } from 'commander';
import { action } from '../context.ts';
import { examples } from '../help.ts';

export function registerWhoami(program: Command): void {
  examples(
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
                  (me.key
                    ? `key:         ${me.key.prefix}… ${me.key.label}, ${me.key.expires_at ? `expires ${me.key.expires_at}` : 'never expires'}\n`
                    : 'key:         (a personal key; see warden me keys)\n') +
                  `roles:       ${me.roles.join(', ') || '(none)'}\n` +
                  `permissions: ${me.permissions.join(', ') || '(none)'}\n`,
              ),
          };
        }),
      ),
    'warden whoami',
    'warden whoami --json | jq -r .organization.name',
  );
}
