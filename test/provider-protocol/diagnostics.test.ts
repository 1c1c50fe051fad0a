// Diagnostics: attribute paths on the wire (attribute_name / element_key_string /
// element_key_int), validators landing on the attribute's path, deprecation warnings.
import { describe, expect, it } from 'vitest';
import { Diagnostics, DiagnosticError, formatPath, type Path } from '../../provider/framework/diagnostics.ts';
import type { Schema } from '../../provider/framework/schema.ts';
import { ProviderServer } from '../../provider/framework/server.ts';
import { validateAttributes } from '../../provider/framework/validation.ts';
import { alsoRequires, between, conflictsWith, eachElement, lengthBetween, matches, oneOf, sizeBetween } from '../../provider/framework/validators.ts';
import { toProtoDiagnostics, toProtoPath } from '../../provider/protocol/to-proto.ts';
import { UNKNOWN } from '../../provider/framework/values.ts';

describe('attribute paths', () => {
  it.each<[Path, object[], string]>([
    [['name'], [{ attribute_name: 'name' }], 'name'],
    [['tags', { key: 'env' }], [{ attribute_name: 'tags' }, { element_key_string: 'env' }], 'tags["env"]'],
    [['rules', 2, 'port'], [{ attribute_name: 'rules' }, { element_key_int: 2 }, { attribute_name: 'port' }], 'rules[2].port'],
  ])('%j', (path, steps, printed) => {
    expect(toProtoPath(path)).toEqual({ steps });
    expect(formatPath(path)).toBe(printed);
  });

  it('encodes severity, summary, detail and omits an empty path', () => {
    const diagnostics = new Diagnostics().error('Bad', 'Fix it.', ['a']).warning('Careful');
    expect(toProtoDiagnostics(diagnostics.items)).toEqual([
      { severity: 'ERROR', summary: 'Bad', detail: 'Fix it.', attribute: { steps: [{ attribute_name: 'a' }] } },
      { severity: 'WARNING', summary: 'Careful', detail: '' },
    ]);
  });
});

const schema: Schema = {
  description: 'Validation test.',
  attributes: {
    name: { type: 'string', required: true, validators: [matches(/^[a-z]+$/, 'use lowercase letters'), lengthBetween(2, 5)], description: 'Name.' },
    kind: { type: 'string', optional: true, validators: [oneOf(['x', 'y'])], description: 'Kind.' },
    size: { type: 'number', optional: true, validators: [between(1, 10)], description: 'Size.' },
    ports: { type: { list: 'number' }, optional: true, validators: [sizeBetween(1, 2), eachElement(between(1, 65535))], description: 'Ports.' },
    a: { type: 'string', optional: true, validators: [conflictsWith('b')], description: 'A.' },
    b: { type: 'string', optional: true, validators: [alsoRequires('kind')], description: 'B.' },
    old: { type: 'string', optional: true, deprecated: 'Use name instead.', description: 'Old.' },
    custom: { type: 'string', optional: true, validators: [(value) => (value === 'no' ? 'Say yes.' : undefined)], description: 'Custom.' },
  },
};

describe('validators', () => {
  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['valid configuration', { name: 'abc', kind: 'x', size: 3, ports: [80] }, []],
    [
      'regex and length',
      { name: 'ABCDEFG' },
      [
        ['name', '"ABCDEFG" is not valid: use lowercase letters.'],
        ['name', 'Use 2 to 5 characters, not 7.'],
      ],
    ],
    ['one-of', { name: 'ab', kind: 'z' }, [['kind', '"z" must be one of "x", "y".']]],
    ['number range', { name: 'ab', size: 11 }, [['size', '11 must be between 1 and 10.']]],
    [
      'collection size and elements',
      { name: 'ab', ports: [0, 80, 90] },
      [
        ['ports', 'Give 1 to 2 elements, not 3.'],
        ['ports', '0 must be between 1 and 65535.'],
      ],
    ],
    [
      'conflicts and requirements',
      { name: 'ab', a: '1', b: '2' },
      [
        ['a', 'Set either a or b, not both.'],
        ['b', 'b needs kind to be set as well.'],
      ],
    ],
    ['custom function', { name: 'ab', custom: 'no' }, [['custom', 'Say yes.']]],
    ['unknown values are not judged yet', { name: UNKNOWN, size: UNKNOWN }, []],
  ])('%s', (_name, config, expected) => {
    const diagnostics = new Diagnostics();
    validateAttributes(schema, config as never, diagnostics);
    expect(diagnostics.items.map((d) => [String(d.path?.[0]), d.detail])).toEqual(expected);
    expect(diagnostics.items.every((d) => d.severity === 'error' && d.summary === `Invalid value for ${String(d.path?.[0])}`)).toBe(true);
  });

  it('warns when a deprecated attribute is set', () => {
    const diagnostics = new Diagnostics();
    validateAttributes(schema, { name: 'ab', old: 'x' }, diagnostics);
    expect(diagnostics.items).toEqual([{ severity: 'warning', summary: 'Attribute deprecated', detail: 'Use name instead.', path: ['old'] }]);
  });
});

describe('errors thrown by provider code', () => {
  const server = (error: unknown, describeError?: (e: unknown) => undefined | { severity: 'error'; summary: string }) =>
    new ProviderServer<object>({
      typeName: 't',
      schema: { description: 'T.', attributes: {} },
      configure: async () => {
        throw error;
      },
      resources: {},
      dataSources: {},
      describeError,
    });

  it('a DiagnosticError keeps its summary, detail and path', async () => {
    const diagnostics = new Diagnostics();
    await server(new DiagnosticError('Bad key', 'Rotate it.', ['api_key'])).configure({}, '', diagnostics);
    expect(diagnostics.items).toEqual([{ severity: 'error', summary: 'Bad key', detail: 'Rotate it.', path: ['api_key'] }]);
  });

  it('other errors become one error diagnostic naming the operation, or what describeError says', async () => {
    const generic = new Diagnostics();
    await server(Object.assign(new Error('boom'), { status: 503 })).configure({}, '', generic);
    expect(generic.items).toEqual([{ severity: 'error', summary: 'Configuring the provider failed', detail: 'boom (status 503)' }]);
    const custom = new Diagnostics();
    await server(new Error('boom'), () => ({ severity: 'error', summary: 'API down' })).configure({}, '', custom);
    expect(custom.items).toEqual([{ severity: 'error', summary: 'API down' }]);
  });

  it('unknown type names answer with a diagnostic', async () => {
    const diagnostics = new Diagnostics();
    await server(undefined).validateConfig('resource', 't_missing', {}, diagnostics);
    expect(diagnostics.items[0]?.summary).toBe('Unknown resource type');
  });

  it('rejects unsound declarations up front, listing every problem', () => {
    expect(
      () =>
        new ProviderServer<object>({
          typeName: 't',
          schema: {
            description: 'T.',
            attributes: { a: { type: 'string', description: 'A.' }, b: { type: 'string', required: true, default: 'x', description: '' } },
          },
          configure: async () => ({}),
          resources: {},
          dataSources: {},
        }),
    ).toThrow(/a: set required, optional or computed[\s\S]*b: a default needs optional and computed[\s\S]*b: every attribute needs a description/);
  });
});
