// warden_api_key in process (no terraform, no server): cross-attribute validation on the
// right attribute, what a create and an in-place change plan, which changes replace the key
// (ttl length, triggers, a new secret_wo_version), and the rotation the plan itself proposes
// once the server's clock reaches expires_at − rotate_before.
import { describe, expect, it } from 'vitest';
import { generateToken } from '../../sdk/token.ts';
import { UNKNOWN } from '../framework/values.ts';
import { ProviderDriver, errorPaths } from '../../test/helpers/provider-driver.ts';

const TYPE = 'warden_api_key';
const SA = 'sa_0123456789abcdefghij';
const DECIDED_AT_CREATE = { id: UNKNOWN, secret: UNKNOWN, prefix: UNKNOWN, status: UNKNOWN, created_at: UNKNOWN, expires_at: UNKNOWN };
const prior = {
  id: 'key_0123456789abcdefghij',
  service_account_id: SA,
  label: 'gha',
  description: '',
  ttl: '90d',
  rotate_before: '15d',
  rotation_triggers: { image: 'v1' },
  grace_period: null,
  secret: 'wdn_secret-in-state',
  secret_wo: null,
  secret_wo_version: null,
  prefix: 'wdn_ABCDEFGH',
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
  expires_at: '2026-04-01T00:00:00Z',
};
/** The configuration that produced `prior`. */
const configured = { service_account_id: SA, label: 'gha', ttl: '90d', rotate_before: '15d', rotation_triggers: { image: 'v1' } };

const providerAt = (now: string) => ProviderDriver.start({ now: new Date(now) });

describe('warden_api_key validation', () => {
  it.each<[string, Record<string, unknown>, string[][]]>([
    ['a valid configuration', configured, []],
    ['rotate_before without ttl', { service_account_id: SA, label: 'gha', rotate_before: '15d' }, [['rotate_before']]],
    ['rotate_before as long as ttl', { ...configured, ttl: '15d' }, [['rotate_before']]],
    ['ttl below a minute', { service_account_id: SA, label: 'gha', ttl: '30s' }, [['ttl']]],
    ['ttl beyond ten years', { service_account_id: SA, label: 'gha', ttl: '3651d' }, [['ttl']]],
    ['a ttl that is no duration', { service_account_id: SA, label: 'gha', ttl: '90 days' }, [['ttl']]],
    ['secret_wo_version without secret_wo', { service_account_id: SA, label: 'gha', secret_wo_version: 1 }, [['secret_wo_version']]],
    ['key material that is no token', { service_account_id: SA, label: 'gha', secret_wo: 'hunter2' }, [['secret_wo']]],
    ['a label with capitals', { service_account_id: SA, label: 'GHA' }, [['label']]],
  ])('%s', async (_name, config, paths) => {
    const provider = await providerAt('2026-01-01T00:00:00Z');
    expect(errorPaths(await provider.validate(TYPE, config as never))).toEqual(paths);
  });

  it('never quotes key material in a diagnostic', async () => {
    const provider = await providerAt('2026-01-01T00:00:00Z');
    const diagnostics = await provider.validate(TYPE, { service_account_id: SA, label: 'gha', secret_wo: 'wdn_not-really-a-token' });
    expect(JSON.stringify(diagnostics)).not.toContain('not-really-a-token');
  });

  it('accepts generated key material with its version', async () => {
    const provider = await providerAt('2026-01-01T00:00:00Z');
    expect(await provider.validate(TYPE, { service_account_id: SA, label: 'gha', secret_wo: generateToken(), secret_wo_version: 1 })).toEqual([]);
  });
});

describe('warden_api_key planning', () => {
  it('plans a create with everything the server decides unknown and no secret_wo in the plan', async () => {
    const provider = await providerAt('2026-01-01T00:00:00Z');
    const plan = await provider.plan(TYPE, null, { ...configured, secret_wo: generateToken(), secret_wo_version: 1 });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toEqual({ ...prior, ...DECIDED_AT_CREATE, secret_wo: null, secret_wo_version: 1 });
  });

  it('changes the description in place, keeping the id, secret and dates', async () => {
    const provider = await providerAt('2026-02-01T00:00:00Z');
    const plan = await provider.plan(TYPE, prior, { ...configured, description: 'deploys' });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toEqual({ ...prior, description: 'deploys', status: UNKNOWN });
  });

  it('treats the same ttl in other units as no change', async () => {
    const provider = await providerAt('2026-02-01T00:00:00Z');
    const plan = await provider.plan(TYPE, prior, { ...configured, ttl: '2160h' });
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toMatchObject({ id: prior.id, secret: prior.secret });
  });

  it.each<[string, Record<string, unknown>]>([
    ['ttl', { ttl: '30d' }],
    ['rotation_triggers', { rotation_triggers: { image: 'v2' } }],
    ['secret_wo_version', { secret_wo: generateToken(), secret_wo_version: 2 }],
    ['label', { label: 'gha-2' }],
  ])('replaces the key when %s changes, with a new id and secret', async (attribute, change) => {
    const provider = await providerAt('2026-02-01T00:00:00Z');
    const plan = await provider.plan(TYPE, prior, { ...configured, ...change } as never);
    expect(plan.requiresReplace).toEqual([[attribute]]);
    expect(plan.planned).toMatchObject(DECIDED_AT_CREATE);
  });

  it('adopts triggers for an imported key (no triggers on record) without replacing it', async () => {
    const provider = await providerAt('2026-02-01T00:00:00Z');
    const plan = await provider.plan(TYPE, { ...prior, rotation_triggers: null }, configured);
    expect(plan.requiresReplace).toEqual([]);
  });

  it('keeps the key before its rotation window opens', async () => {
    // expires 2026-04-01, rotate_before 15d: the window opens 2026-03-17.
    const provider = await providerAt('2026-03-16T23:59:59Z');
    const plan = await provider.plan(TYPE, prior, configured);
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toEqual(prior);
    expect(plan.diagnostics).toEqual([]);
  });

  it('proposes a replacement once the server clock reaches expires_at − rotate_before, warning on rotate_before', async () => {
    const provider = await providerAt('2026-03-17T00:00:00Z');
    const plan = await provider.plan(TYPE, prior, configured);
    expect(plan.requiresReplace).toEqual([['expires_at']]);
    expect(plan.planned).toMatchObject(DECIDED_AT_CREATE);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', summary: 'API key rotation due', path: ['rotate_before'] })]);
  });

  it('never proposes rotation for a key without rotate_before', async () => {
    const provider = await providerAt('2026-03-31T00:00:00Z');
    const plan = await provider.plan(TYPE, { ...prior, rotate_before: null }, { ...configured, rotate_before: null });
    expect(plan.requiresReplace).toEqual([]);
  });
});
