// warden_role_assignment in process (no terraform, no server): a malformed account id on
// `service_account_id`, an unknown role on `role` at plan time, and either side replacing.
import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN } from '../framework/values.ts';
import { ProviderDriver, errorPaths } from '../../test/helpers/provider-driver.ts';

const TYPE = 'warden_role_assignment';
const SA = 'sa_0123456789abcdefghij';
const prior = { id: 'ra_0123456789abcdefghij', service_account_id: SA, role: 'member' };

let provider: ProviderDriver;
beforeAll(async () => {
  provider = await ProviderDriver.start({ customRoles: ['deployer'] });
});

describe('warden_role_assignment', () => {
  it('reports a malformed service account id on service_account_id', async () => {
    expect(errorPaths(await provider.validate(TYPE, { service_account_id: 'ci-bot', role: 'member' }))).toEqual([['service_account_id']]);
    expect(await provider.validate(TYPE, { service_account_id: SA, role: 'member' })).toEqual([]);
  });

  it('reports a role the server does not know on role at plan time', async () => {
    const plan = await provider.plan(TYPE, null, { service_account_id: SA, role: 'membr' });
    expect(errorPaths(plan.diagnostics)).toEqual([['role']]);
    expect(plan.diagnostics[0]?.detail).toContain('"membr"');
  });

  it('accepts built-in and custom roles, and waits for an unknown one', async () => {
    for (const role of ['member', 'deployer', UNKNOWN] as const) {
      expect((await provider.plan(TYPE, null, { service_account_id: SA, role })).diagnostics).toEqual([]);
    }
  });

  it('plans a create with the id unknown', async () => {
    expect((await provider.plan(TYPE, null, { service_account_id: SA, role: 'member' })).planned).toEqual({
      id: UNKNOWN,
      service_account_id: SA,
      role: 'member',
    });
  });

  it.each([
    ['role', { service_account_id: SA, role: 'reader' }],
    ['service_account_id', { service_account_id: 'sa_abcdefghij0123456789', role: 'member' }],
  ])('replaces the assignment when %s changes', async (attribute, config) => {
    const plan = await provider.plan(TYPE, prior, config);
    expect(plan.requiresReplace).toEqual([[attribute]]);
    expect(plan.planned).toMatchObject({ id: UNKNOWN });
  });

  it('plans nothing when configuration matches state', async () => {
    const plan = await provider.plan(TYPE, prior, { service_account_id: SA, role: 'member' });
    expect(plan.planned).toEqual(prior);
    expect(plan.requiresReplace).toEqual([]);
  });
});
