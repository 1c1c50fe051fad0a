// warden_role in process (no terraform, no server): built-in and malformed names on
// `name`, permissions checked against the catalog at plan time on `permissions`, in-place
// permission changes and replacement on rename.
import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN } from '../framework/values.ts';
import { ProviderDriver, errorPaths } from '../../test/helpers/provider-driver.ts';

const TYPE = 'warden_role';
const prior = { id: 'deployer', name: 'deployer', description: '', permissions: ['keys:read'], created_at: '2026-01-01T00:00:00Z' };

let provider: ProviderDriver;
beforeAll(async () => {
  provider = await ProviderDriver.start();
});

describe('warden_role', () => {
  it.each([['admin'], ['reader']])('refuses the built-in name %s on name', async (name) => {
    expect(errorPaths(await provider.validate(TYPE, { name, permissions: ['keys:read'] }))).toEqual([['name']]);
  });

  it('reports a malformed name on name', async () => {
    expect(errorPaths(await provider.validate(TYPE, { name: 'Deploy Bot', permissions: [] }))).toEqual([['name']]);
    expect(await provider.validate(TYPE, { name: 'deployer', permissions: ['keys:read'] })).toEqual([]);
  });

  it('reports a permission missing from the catalog on permissions at plan time', async () => {
    const plan = await provider.plan(TYPE, null, { name: 'deployer', permissions: ['keys:read', 'keys:fly'] });
    expect(errorPaths(plan.diagnostics)).toEqual([['permissions']]);
    expect(plan.diagnostics[0]?.detail).toContain('"keys:fly"');
  });

  it('waits for unknown permissions instead of judging them', async () => {
    const plan = await provider.plan(TYPE, null, { name: 'deployer', permissions: [UNKNOWN, 'keys:fly'] });
    expect(plan.diagnostics).toEqual([]);
  });

  it('plans a create with id and created_at unknown', async () => {
    const plan = await provider.plan(TYPE, null, { name: 'deployer', permissions: ['keys:read'] });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toEqual({ id: UNKNOWN, name: 'deployer', description: '', permissions: ['keys:read'], created_at: UNKNOWN });
  });

  it('changes permissions in place, keeping id and created_at', async () => {
    const plan = await provider.plan(TYPE, prior, { name: 'deployer', permissions: ['keys:read', 'keys:write'] });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toEqual({ ...prior, permissions: ['keys:read', 'keys:write'] });
  });

  it('replaces the role when the name changes', async () => {
    const plan = await provider.plan(TYPE, prior, { name: 'deployer-2', permissions: ['keys:read'] });
    expect(plan.requiresReplace).toEqual([['name']]);
    expect(plan.planned).toMatchObject({ id: UNKNOWN, created_at: UNKNOWN });
  });
});
