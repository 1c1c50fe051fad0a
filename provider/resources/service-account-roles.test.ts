// warden_service_account_roles in process (no terraform, no server): unknown roles on
// `roles` at plan time, the role set changing in place, another account replacing.
import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN } from '../framework/values.ts';
import { ProviderDriver, errorPaths } from '../../test/helpers/provider-driver.ts';

const TYPE = 'warden_service_account_roles';
const SA = 'sa_0123456789abcdefghij';
const prior = { id: SA, service_account_id: SA, roles: ['member'] };

let provider: ProviderDriver;
beforeAll(async () => {
  provider = await ProviderDriver.start({ customRoles: ['deployer'] });
});

describe('warden_service_account_roles', () => {
  it('reports a malformed service account id on service_account_id', async () => {
    expect(errorPaths(await provider.validate(TYPE, { service_account_id: 'sa_x', roles: [] }))).toEqual([['service_account_id']]);
  });

  it('reports each role the server does not know on roles at plan time', async () => {
    const plan = await provider.plan(TYPE, null, { service_account_id: SA, roles: ['member', 'deployr', 'admn'] });
    expect(errorPaths(plan.diagnostics)).toEqual([['roles'], ['roles']]);
    expect(plan.diagnostics.map((d) => d.detail)).toEqual([expect.stringContaining('"deployr"'), expect.stringContaining('"admn"')]);
  });

  it('waits while any role is unknown', async () => {
    expect((await provider.plan(TYPE, null, { service_account_id: SA, roles: [UNKNOWN, 'admn'] })).diagnostics).toEqual([]);
  });

  it('plans a create with the id unknown', async () => {
    const plan = await provider.plan(TYPE, null, { service_account_id: SA, roles: ['member', 'deployer'] });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toEqual({ id: UNKNOWN, service_account_id: SA, roles: ['member', 'deployer'] });
  });

  it('changes the role set in place, keeping the id', async () => {
    const plan = await provider.plan(TYPE, prior, { service_account_id: SA, roles: ['reader'] });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toEqual({ ...prior, roles: ['reader'] });
  });

  it('replaces the resource when it names another account', async () => {
    const plan = await provider.plan(TYPE, prior, { service_account_id: 'sa_abcdefghij0123456789', roles: ['member'] });
    expect(plan.requiresReplace).toEqual([['service_account_id']]);
    expect(plan.planned).toMatchObject({ id: UNKNOWN });
  });
});
