// The planning rules core enforces, table-driven over one schema, through the same
// ProviderServer.planResourceChange the gRPC adapter calls.
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../provider/framework/diagnostics.ts';
import type { ResourceDefinition } from '../../provider/framework/definitions.ts';
import { requiresReplaceIf } from '../../provider/framework/plan-modifiers.ts';
import { settle } from '../../provider/framework/planning.ts';
import type { Schema, State } from '../../provider/framework/schema.ts';
import { ProviderServer } from '../../provider/framework/server.ts';
import { UNKNOWN } from '../../provider/framework/values.ts';

const schema: Schema = {
  description: 'A test object.',
  attributes: {
    id: { type: 'string', computed: true, useStateForUnknown: true, description: 'Id.' },
    name: { type: 'string', required: true, description: 'Name.' },
    zone: { type: 'string', optional: true, requiresReplace: true, description: 'Zone.' },
    size: {
      type: 'number',
      optional: true,
      planModifiers: [requiresReplaceIf(({ prior, planned }) => Number(planned) < Number(prior), 'Shrinking replaces.')],
      description: 'Size.',
    },
    note: { type: 'string', optional: true, computed: true, default: '', description: 'Note.' },
    status: { type: 'string', computed: true, description: 'Status.' },
    token: { type: 'string', optional: true, writeOnly: true, sensitive: true, description: 'Write-only.' },
  },
};

const resource: ResourceDefinition<object> = {
  schema,
  async create() {
    return {};
  },
  async read() {
    return {};
  },
  async update() {
    return {};
  },
  async delete() {},
};

const server = async (definition: ResourceDefinition<object> = resource) => {
  const s = new ProviderServer<object>({
    typeName: 'test',
    schema: { description: 'Test.', attributes: {} },
    configure: async () => ({}),
    resources: { test_thing: definition },
    dataSources: {},
  });
  await s.configure({}, '1.11.4', new Diagnostics());
  return s;
};

const prior: State = { id: 'x1', name: 'a', zone: 'z1', size: 10, note: 'n', status: 'on', token: null };
/** What core proposes: configuration, with null computed attributes taken from prior state. */
const propose = (before: State | null, config: State): State =>
  Object.fromEntries(
    Object.entries(schema.attributes).map(([name, a]) => [
      name,
      (config[name] ?? null) === null && a.computed && before ? (before[name] ?? null) : (config[name] ?? null),
    ]),
  );
const config = (fields: State): State => ({ id: null, name: 'a', zone: 'z1', size: 10, note: null, status: null, token: null, ...fields });

const cases: [string, State | null, State, State, string[]][] = [
  [
    'create: computed unknown, default applied, write-only nulled',
    null,
    config({ token: 'secret' }),
    { id: UNKNOWN, name: 'a', zone: 'z1', size: 10, note: '', status: UNKNOWN, token: null },
    [],
  ],
  ['no change keeps every prior value', prior, config({ note: 'n' }), prior, []],
  [
    'in-place change keeps useStateForUnknown values, re-decides the rest',
    prior,
    config({ name: 'b', note: 'n' }),
    { ...prior, name: 'b', status: UNKNOWN },
    [],
  ],
  ['default replaces a removed optional+computed value', prior, config({}), { ...prior, note: '', status: UNKNOWN }, []],
  ['a write-only change alone changes nothing', prior, config({ note: 'n', token: 'new' }), prior, []],
  [
    'requiresReplace: every computed value is decided anew',
    prior,
    config({ zone: 'z2', note: 'n' }),
    { ...prior, zone: 'z2', id: UNKNOWN, status: UNKNOWN },
    ['zone'],
  ],
  ['requiresReplaceIf true (shrink) replaces', prior, config({ size: 5, note: 'n' }), { ...prior, size: 5, id: UNKNOWN, status: UNKNOWN }, ['size']],
  ['requiresReplaceIf false (grow) updates in place', prior, config({ size: 20, note: 'n' }), { ...prior, size: 20, status: UNKNOWN }, []],
  ['unknown configuration counts as a change', prior, config({ name: UNKNOWN, note: 'n' }), { ...prior, name: UNKNOWN, status: UNKNOWN }, []],
  [
    'second plan of a replacement (null prior) is a create',
    null,
    config({ zone: 'z2', note: 'n' }),
    { id: UNKNOWN, name: 'a', zone: 'z2', size: 10, note: 'n', status: UNKNOWN, token: null },
    [],
  ],
];

describe('planResourceChange', () => {
  it.each(cases)('%s', async (_name, before, cfg, expected, replace) => {
    const diagnostics = new Diagnostics();
    const plan = await (await server()).planResourceChange('test_thing', { prior: before, proposed: propose(before, cfg), config: cfg }, diagnostics);
    expect(diagnostics.items).toEqual([]);
    expect(plan.planned).toEqual(expected);
    expect(plan.requiresReplace).toEqual(replace.map((name) => [name]));
  });

  it('plans destroy as null and passes private state through', async () => {
    const plan = await (
      await server()
    ).planResourceChange('test_thing', { prior, proposed: null, config: null, priorPrivate: Buffer.from('{"k":1}') }, new Diagnostics());
    expect(plan.planned).toBeNull();
    expect(plan.plannedPrivate.toString()).toBe('{"k":1}');
  });

  it('lets modifyPlan set values, mark unknowns, require replacement, warn and keep private notes', async () => {
    const s = await server({
      ...resource,
      modifyPlan({ planned, requireReplace, diagnostics, private: p, isCreate }) {
        expect(isCreate).toBe(false);
        planned.status = 'planned';
        requireReplace('name');
        diagnostics.warning('Heads up', 'Replacing.', ['name']);
        p.set('reason', 'rename');
      },
    });
    const diagnostics = new Diagnostics();
    const plan = await s.planResourceChange(
      'test_thing',
      { prior, proposed: propose(prior, config({ name: 'b', note: 'n' })), config: config({ name: 'b', note: 'n' }) },
      diagnostics,
    );
    expect(plan.planned).toMatchObject({ status: 'planned', id: UNKNOWN, name: 'b' });
    expect(plan.requiresReplace).toEqual([['name']]);
    expect(diagnostics.items).toEqual([{ severity: 'warning', summary: 'Heads up', detail: 'Replacing.', path: ['name'] }]);
    expect(JSON.parse(plan.plannedPrivate.toString())).toEqual({ reason: 'rename' });
  });

  it('reports a modifyPlan that changes a non-computed value as a provider bug', async () => {
    const s = await server({
      ...resource,
      modifyPlan({ planned }) {
        planned.name = 'other';
      },
    });
    const diagnostics = new Diagnostics();
    await s.planResourceChange('test_thing', { prior, proposed: propose(prior, config({ note: 'n' })), config: config({ note: 'n' }) }, diagnostics);
    expect(diagnostics.items[0]).toMatchObject({ severity: 'error', path: ['name'] });
  });

  it('turns a thrown error into a diagnostic instead of failing the RPC', async () => {
    const s = await server({
      ...resource,
      modifyPlan() {
        throw new Error('remote said no');
      },
    });
    const diagnostics = new Diagnostics();
    await s.planResourceChange('test_thing', { prior, proposed: propose(prior, config({ note: 'n' })), config: config({ note: 'n' }) }, diagnostics);
    expect(diagnostics.items).toEqual([{ severity: 'error', summary: 'Planning test_thing failed', detail: 'remote said no' }]);
  });
});

describe('applyResourceChange', () => {
  it('settles anything a hook left unknown to null, keeping every other value', () => {
    expect(settle({ a: UNKNOWN, b: 'x', c: null })).toEqual({ a: null, b: 'x', c: null });
  });

  it('fills what create leaves out from the plan, settles unknowns to null and nulls write-only values', async () => {
    const s = await server({ ...resource, create: async ({ private: p }) => (p.set('etag', 'e1'), { id: 'new', status: 'on' }) });
    const planned: State = { id: UNKNOWN, name: 'a', zone: 'z1', size: 10, note: '', status: UNKNOWN, token: null };
    const result = await s.applyResourceChange('test_thing', { prior: null, planned, config: config({ token: 'secret' }) }, new Diagnostics());
    expect(result.state).toEqual({ ...planned, id: 'new', status: 'on' });
    expect(JSON.parse(result.private.toString())).toEqual({ etag: 'e1' });
  });

  it('keeps the prior state when an update fails, so nothing is lost', async () => {
    const s = await server({
      ...resource,
      update: async () => {
        throw new Error('conflict');
      },
    });
    const diagnostics = new Diagnostics();
    const result = await s.applyResourceChange('test_thing', { prior, planned: { ...prior, name: 'b' }, config: config({ name: 'b' }) }, diagnostics);
    expect(result.state).toEqual(prior);
    expect(diagnostics.hasErrors).toBe(true);
  });

  it('passes the StopProvider signal to hooks', async () => {
    let seen: AbortSignal | undefined;
    const s = await server({ ...resource, delete: async ({ signal }) => void (seen = signal) });
    const pending = s.applyResourceChange('test_thing', { prior, planned: null, config: null }, new Diagnostics());
    s.stop();
    await pending;
    expect(seen?.aborted).toBe(true);
  });
});
