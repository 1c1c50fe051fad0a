// DynamicValue codec: round trips of every type the schemas use, unknowns (ext 0 out,
// any ext in, including refined type 12), nulls, and integers beyond 2^53.
import { Encoder, ExtData } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { decodeDynamic, encodeDynamic, parseJsonExact } from '../../provider/protocol/codec.ts';
import { UNKNOWN, typeToJson, valuesEqual, type TfType, type TfValue } from '../../provider/protocol/types.ts';

const cases: [string, TfType, TfValue][] = [
  ['string', 'string', 'ci-github-actions'],
  ['empty string', 'string', ''],
  ['unicode string', 'string', 'naïve 😀'],
  ['bool', 'bool', true],
  ['integer', 'number', 42],
  ['negative', 'number', -7],
  ['float', 'number', 1.5],
  ['int64 above 2^53', 'number', 2n ** 62n + 3n],
  ['null', 'string', null],
  ['unknown', 'string', UNKNOWN],
  ['list', { list: 'string' }, ['a', 'b']],
  ['set', { set: 'string' }, ['x']],
  ['map', { map: 'string' }, { env: 'prod', team: 'platform' }],
  ['object with nested null and unknown', { object: { a: 'string', b: 'number', c: { list: 'bool' } } }, { a: null, b: UNKNOWN, c: [true, false] }],
  ['list of objects', { list: { object: { name: 'string', permissions: { list: 'string' } } } }, [{ name: 'r', permissions: ['keys:read'] }]],
];

describe('codec', () => {
  it.each(cases)('round-trips %s', (_name, type, value) => {
    const decoded = decodeDynamic(encodeDynamic(value, type), type);
    if (value === UNKNOWN) {
      expect(decoded).toBe(UNKNOWN);
    } else {
      expect(valuesEqual(decoded, value, type) || (decoded === null && value === null)).toBe(true);
      expect(decoded).toEqual(value);
    }
  });

  it('fills every object attribute, null where absent', () => {
    const type: TfType = { object: { a: 'string', b: 'string' } };
    expect(decodeDynamic(encodeDynamic({ a: 'x' }, type), type)).toEqual({ a: 'x', b: null });
  });

  it('encodes unknown as msgpack extension type 0 and reads any extension as unknown', () => {
    const bytes = encodeDynamic(UNKNOWN, 'string').msgpack;
    expect(bytes[0]).toBe(0xd4);
    expect(bytes[1]).toBe(0);
    const refined = new Encoder().encode(new ExtData(12, new Encoder().encode({ 1: true })));
    expect(decodeDynamic({ msgpack: refined }, 'string')).toBe(UNKNOWN);
  });

  it('reads JSON DynamicValues and numbers sent as strings', () => {
    expect(decodeDynamic({ json: Buffer.from('{"a":"x","n":"123456789012345678901"}') }, { object: { a: 'string', n: 'number' } })).toEqual({
      a: 'x',
      n: 123456789012345678901n,
    });
  });

  it('parses raw state JSON without losing int64 precision, even next to lookalike strings', () => {
    expect(parseJsonExact('{"s":"12345678901234567890","n":12345678901234567890,"f":1.25,"small":7}')).toEqual({
      s: '12345678901234567890',
      n: 12345678901234567890n,
      f: 1.25,
      small: 7,
    });
  });

  it('writes schema types as Terraform JSON type expressions', () => {
    expect(typeToJson({ map: 'string' })).toEqual(['map', 'string']);
    expect(typeToJson({ object: { a: { set: 'number' } } })).toEqual(['object', { a: ['set', 'number'] }]);
  });
});
