// Lets people name a service account the way they think of it: `ci-bot` as well as
// `sa_…`. Ids pass through untouched; names are looked up (one request).
import type { WardenClient } from '../sdk/client.ts';
import { WardenApiError } from '../sdk/errors.ts';
import { SERVICE_ACCOUNT_ID_PATTERN } from '../sdk/rules.ts';

const ACCOUNT_ID = SERVICE_ACCOUNT_ID_PATTERN;

export async function accountId(client: WardenClient, reference: string): Promise<string> {
  if (ACCOUNT_ID.test(reference)) {
    return reference;
  }
  const found = await client.serviceAccounts.findByName(reference);
  if (!found) {
    throw new WardenApiError({
      status: 404,
      code: 'not_found',
      detail: `no service account named "${reference}" in organization ${await client.organization()}; \`warden service-accounts list\` shows them`,
    });
  }
  return found.id;
}
