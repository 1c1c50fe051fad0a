// Which client made a change, from its User-Agent (the SDK's middleware names the CLI and
// the Terraform provider) or its browser session, so the console can mark objects that
// Terraform manages and warn that the next plan would revert a change made by hand.
import type { HandlerRequest } from './handlers/common.ts';
import type { ClientMarkTarget, Repositories } from './storage/types.ts';

export type ClientName = 'terraform' | 'cli' | 'console' | 'api';

export function clientName(req: Pick<HandlerRequest, 'caller' | 'client'>): ClientName {
  const agent = req.client?.userAgent ?? '';
  if (agent.startsWith('terraform-provider-warden/')) {
    return 'terraform';
  }
  if (agent.startsWith('warden-cli/')) {
    return 'cli';
  }
  return req.caller.session ? 'console' : 'api';
}

interface Marked {
  created_by_client?: string | null;
  changed_by_client?: string | null;
}

/** Records the client on the stored row and on `row`, the copy about to be answered. */
export async function markClient(
  tx: Repositories,
  req: Pick<HandlerRequest, 'caller' | 'client'>,
  target: ClientMarkTarget,
  row: Marked,
  created = false,
): Promise<void> {
  const client = clientName(req);
  await tx.people.clientMarks.mark(target, client, created);
  if (created) {
    row.created_by_client = client;
  }
  row.changed_by_client = client;
}

/** The contract's fields: `managed_by` is "terraform" once Terraform created or changed the object. */
export function clientFields(row: Marked): { managed_by: 'terraform' | null; last_changed_by_client: ClientName | null } {
  return {
    managed_by: row.created_by_client === 'terraform' || row.changed_by_client === 'terraform' ? 'terraform' : null,
    last_changed_by_client: (row.changed_by_client as ClientName | null | undefined) ?? null,
  };
}
