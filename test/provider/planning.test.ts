// The planning rules core enforces, table-driven over a small schema.
import { describe, expect, it } from 'vitest';
import { planBase, settle } from '../../provider/framework/planning.ts';
import type { Schema } from '../../provider/framework/schema.ts';
import { UNKNOWN } from '../../provider/protocol/types.ts';

const schema: Schema = {
  description: 'test',
  attributes: {
    id: { type: 'string', computed: true, useStateForUnknown: true, description: 'id' },
    name: { type: 'string', required: true, requiresReplace: true, description: 'name' },
    description: { type: 'string', optional: true, computed: true, default: '', description: 'd' },
    status: { type: 'string', computed: true, description: 's' },
    token: { type: 'string', optional: true, writeOnly: true, description: 'w' },
  },
};
const prior = { id: 'x1', name: 'a', description: 'old', status: 'active', token: null };

describe('planBase', () => {
  it.each([
    ['create: computed unknown, default applied, write-only nulled', null, { name: 'a', token: 'secret' }, { id: UNKNOWN, name: 'a', description: '', status: UNKNOWN, token: null }, []],
    ['no change keeps every prior value', prior, { name: 'a', description: 'old' }, prior, []],
    ['in-place change keeps stable ids, re-decides the rest', prior, { name: 'a', description: 'new' }, { ...prior, description: 'new', status: UNKNOWN }, []],
    ['default replaces a removed optional value', prior, { name: 'a' }, { ...prior, description: '', status: UNKNOWN }, []],
    ['requiresReplace attribute change replaces', prior, { name: 'b', description: 'old' }, { ...prior, name: 'b', id: UNKNOWN, status: UNKNOWN }, ['name']],
  ] as const)('%s', (_name, before, config, expected, replace) => {
    const proposed = { ...(before ?? {}), ...config } as Record<string, unknown>;
    const plan = planBase(schema, before as never, { ...proposed, token: (config as { token?: string }).token ?? null } as never, config as never);
    expect(plan.planned).toEqual(expected);
    expect(plan.requiresReplace).toEqual(replace);
  });

  it('settles anything left unknown after apply to null', () => {
    expect(settle({ a: UNKNOWN, b: 'x' })).toEqual({ a: null, b: 'x' });
  });
});
