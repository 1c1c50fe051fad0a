// Type-level tests of the SDK, checked by `npm run typecheck` (tsc): the generated contract
// types reach the caller, and the compiler refuses a call that the contract forbids (each
// expected-error directive fails the typecheck if the line it guards ever compiles).
import type { Client } from 'openapi-fetch';
import { expectTypeOf } from 'vitest';
import { createWardenClient, type ApiKeyWithSecret, type ServiceAccount, type WardenClient } from '../../sdk/index.ts';
import type { paths } from '../../sdk/generated/warden.ts';

declare const warden: WardenClient;
declare const raw: Client<paths>;

export async function typeTests(): Promise<void> {
  expectTypeOf<ReturnType<typeof createWardenClient>>().toEqualTypeOf<WardenClient>();

  const created = await warden.serviceAccounts.create({ name: 'ci' });
  expectTypeOf(created.data).toMatchTypeOf<ServiceAccount>();
  expectTypeOf(created.data.name).toBeString();

  const key = await warden.keys.create(created.data.id, { label: 'gha', ttl: '90d' });
  expectTypeOf(key).toMatchTypeOf<ApiKeyWithSecret>();

  // @ts-expect-error a key needs a label
  await warden.keys.create(created.data.id, { ttl: '90d' });

  // @ts-expect-error an unknown field is not part of ServiceAccountCreate
  await warden.serviceAccounts.create({ name: 'ci', colour: 'blue' });

  // @ts-expect-error the path parameter {org} is missing
  await raw.GET('/v1/orgs/{org}/service-accounts', { params: { path: {} } });

  // @ts-expect-error the path parameter {keyId} is missing
  await raw.GET('/v1/orgs/{org}/keys/{keyId}', { params: { path: { org: 'acme' } } });

  // @ts-expect-error not a path of the contract
  await raw.GET('/v1/orgs/{org}/secrets', { params: { path: { org: 'acme' } } });

  const listed = await raw.GET('/v1/orgs/{org}/service-accounts', { params: { path: { org: 'acme' } } });
  if (listed.data) {
    expectTypeOf(listed.data.items).toMatchTypeOf<ServiceAccount[]>();
  }
}
