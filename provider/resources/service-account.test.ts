// warden_service_account in process (no terraform, no server): validation on the right
// attribute, and the plan Terraform gets for create, in-place updates, replacement and a
// protected destroy.
import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN } from '../framework/values.ts';
import { ProviderDriver, errorPaths } from '../../test/helpers/provider-driver.ts';

const TYPE = 'warden_service_account';
const prior = {
  id: 'sa_0123456789abcdefghij',
  name: 'ci-bot',
  description: 'CI',
  disabled: false,
  deletion_protection: false,
  created_at: '2026-01-01T00:00:00Z',
};

let provider: ProviderDriver;
beforeAll(async () => {
  provider = await ProviderDriver.start();
});

describe('warden_service_account', () => {
  it('reports a name that is not a slug on name', async () => {
    expect(errorPaths(await provider.validate(TYPE, { name: 'CI_Bot' }))).toEqual([['name']]);
    expect(await provider.validate(TYPE, { name: 'ci-bot' })).toEqual([]);
  });

  it('plans a create with defaults, and the id and created_at unknown', async () => {
    const plan = await provider.plan(TYPE, null, { name: 'ci-bot' });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toEqual({ id: UNKNOWN, name: 'ci-bot', description: '', disabled: false, deletion_protection: false, created_at: UNKNOWN });
    expect(plan.requiresReplace).toEqual([]);
  });

  it('changes description and disabled in place, keeping id and created_at', async () => {
    const plan = await provider.plan(TYPE, prior, { name: 'ci-bot', description: 'Builds', disabled: true });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toEqual({ ...prior, description: 'Builds', disabled: true });
  });

  it('replaces the account when the name changes, with a new id', async () => {
    const plan = await provider.plan(TYPE, prior, { name: 'ci-bot-2', description: 'CI' });
    expect(plan.requiresReplace).toEqual([['name']]);
    expect(plan.planned).toMatchObject({ name: 'ci-bot-2', id: UNKNOWN, created_at: UNKNOWN });
  });

  it('plans nothing when configuration matches state', async () => {
    const plan = await provider.plan(TYPE, prior, { name: 'ci-bot', description: 'CI' });
    expect(plan.planned).toEqual(prior);
    expect(plan.requiresReplace).toEqual([]);
  });

  it('refuses to destroy a protected account, on deletion_protection, without calling the API', async () => {
    const diagnostics = await provider.destroy(TYPE, { ...prior, deletion_protection: true });
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Deletion protection is on', path: ['deletion_protection'] })]);
  });

  it('names state without an id instead of calling the API with null', async () => {
    const diagnostics = await provider.destroy(TYPE, { ...prior, id: null });
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Incomplete state', path: ['id'] })]);
  });
});
