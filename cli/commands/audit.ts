// `warden audit list`: who changed what, when, and on which target; newest first.
import type { Command } from 'commander';
import type { AuditEvent } from '../../sdk/client.ts';
import { action } from '../context.ts';
import { examples } from '../help.ts';
import { integerOption } from '../parsers.ts';
import { printTable } from '../output.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The audit trail: every change, its principal and its target.');
  examples(
    audit
      .command('list')
      .description('List audit events, newest first.')
      .option('--target <id>', 'only events about this target (sa_…, key_…, ra_…, a role name)')
      .option('--principal <id>', 'only events caused by this principal (sa_… or usr_…)')
      .option('--action <action>', 'only this action, e.g. api_key.create or service_account.delete')
      .option('--limit <n>', 'at most this many events (1–200)', integerOption('--limit', 1, 200), 50)
      .action(
        action<[], { target?: string; principal?: string; action?: string; limit: number }>(async (client, options) => {
          const page = await client.audit.list({
            target_id: options.target,
            principal_id: options.principal,
            action: options.action as AuditEvent['action'] | undefined,
            limit: options.limit,
          });
          const rows = page.items.map((e) => ({
            occurred_at: e.occurred_at,
            principal: e.principal.name,
            action: e.action,
            target: `${e.target.type}:${e.target.name ?? e.target.id}`,
          }));
          return { json: page.items, human: () => printTable(rows, ['occurred_at', 'principal', 'action', 'target']) };
        }),
      ),
    'warden audit list --limit 20',
    'warden audit list --action api_key.create --json',
  );
}
