// DynamicValue codec: round trips of every type, unknowns (ext 0 out, any ext in including
// refined type 12), nulls, int64 beyond 2^53, floats, decimal strings, dynamic values, JSON.
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { conformJson, decodeDynamic, encodeDynamic, parseJsonExact } from '../../provider/protocol/codec.ts';
import { Typed, UNKNOWN, typeFromJson, typeToJson, valuesEqual, type TfType, type TfValue } from '../../provider/framework/values.ts';

const cases: [string, TfType, TfValue][] = [
  ['string', 'string', 'hello'],
  ['empty string', 'string', ''],
  ['unicode string', 'string', 'naïve 😀'],
  ['bool true', 'bool', true],
  ['bool false', 'bool', false],
  ['small integer', 'number', 42],
  ['negative integer', 'number', -7],
  ['zero', 'number', 0],
  ['float', 'number', 1.5],
  ['negative float', 'number', -0.001],
  ['2^53 + 1 as bigint', 'number', 2n ** 53n + 1n],
  ['int64 max', 'number', 2n ** 63n - 1n],
  ['int64 min', 'number', -(2n ** 63n)],
  ['uint64 max', 'number', 2n ** 64n - 1n],
  ['integer beyond 64 bits (decimal string on the wire)', 'number', 2n ** 70n + 1n],
  ['decimal float64 cannot hold', 'number', '0.10000000000000000000000001'],
  ['null string', 'string', null],
  ['null number', 'number', null],
  ['unknown', 'string', UNKNOWN],
  ['list', { list: 'string' }, ['a', 'b']],
  ['empty list', { list: 'string' }, []],
  ['set', { set: 'number' }, [1, 2, 3]],
  ['map', { map: 'string' }, { env: 'prod', team: 'platform' }],
  ['map with awkward keys', { map: 'number' }, { '': 1, 'a.b': 2, __proto__x: 3 }],
  ['tuple', { tuple: ['string', 'number', 'bool'] }, ['a', 1, true]],
  ['object with nested null and unknown', { object: { a: 'string', b: 'number', c: { list: 'bool' } } }, { a: null, b: UNKNOWN, c: [true, false] }],
  ['list with unknown element', { list: 'string' }, ['a', UNKNOWN]],
  ['list of objects', { list: { object: { name: 'string', perms: { set: 'string' } } } }, [{ name: 'r', perms: ['x'] }]],
  ['dynamic string', 'dynamic', new Typed('string', 'x')],
  ['dynamic list', 'dynamic', new Typed({ list: 'number' }, [1, 2])],
  ['dynamic object', 'dynamic', new Typed({ object: { a: 'bool' } }, { a: true })],
  ['dynamic unknown', 'dynamic', UNKNOWN],
  ['dynamic null', 'dynamic', null],
];

describe('DynamicValue codec', () => {
  it.each(cases)('round-trips %s', (_name, type, value) => {
    const decoded = decodeDynamic(encodeDynamic(value, type), type);
    expect(decoded).toEqual(value);
    if (value !== null) {
      expect(valuesEqual(decoded, value, type)).toBe(true);
    }
  });

  it('fills every object attribute, null where absent', () => {
    const type: TfType = { object: { a: 'string', b: 'string', c: { list: 'string' } } };
    expect(decodeDynamic(encodeDynamic({ a: 'x' }, type), type)).toEqual({ a: 'x', b: null, c: null });
    expect(new Decoder().decode(encodeDynamic({ a: 'x' }, type).msgpack)).toEqual({ a: 'x', b: null, c: null });
  });

  it('writes unknown as extension type 0 and reads every extension type as unknown', () => {
    const bytes = encodeDynamic(UNKNOWN, 'string').msgpack;
    const ext = new Decoder().decode(bytes) as ExtData;
    expect(ext).toBeInstanceOf(ExtData);
    expect(ext.type).toBe(0);
    const refined = new Encoder().encode(new ExtData(12, new Encoder().encode({ 1: true, 2: 'pre' })));
    expect(decodeDynamic({ msgpack: refined }, 'string')).toBe(UNKNOWN);
    const nested = new Encoder().encode({ a: new ExtData(12, new Uint8Array([0x80])), b: 'x' });
    expect(decodeDynamic({ msgpack: nested }, { object: { a: 'number', b: 'string' } })).toEqual({ a: UNKNOWN, b: 'x' });
  });

  it('sends integers as msgpack integers, floats as float64 and huge numbers as decimal strings', () => {
    const raw = (value: TfValue) => new Decoder({ useBigInt64: true }).decode(encodeDynamic(value, 'number').msgpack);
    expect(raw(42)).toBe(42);
    expect(raw(1.25)).toBe(1.25);
    expect(raw(2n ** 60n)).toBe(2n ** 60n);
    expect(raw(2n ** 70n)).toBe((2n ** 70n).toString());
    // A number given as a string (e.g. from JSON) goes out as a number when it is exact.
    expect(raw('12')).toBe(12);
  });

  it('reads numbers that arrive as decimal strings', () => {
    const type: TfType = { object: { a: 'number', b: 'number', c: 'number' } };
    const msgpack = new Encoder().encode({ a: '123456789012345678901', b: '2.5', c: '1.00000000000000000000001' });
    expect(decodeDynamic({ msgpack }, type)).toEqual({ a: 123456789012345678901n, b: 2.5, c: '1.00000000000000000000001' });
  });

  it('writes dynamic values as [type JSON, value], inferring the type of plain values', () => {
    const raw = new Decoder().decode(encodeDynamic(['a', 1], 'dynamic').msgpack) as [Uint8Array, unknown];
    expect(JSON.parse(Buffer.from(raw[0]).toString())).toEqual(['tuple', ['string', 'number']]);
    expect(raw[1]).toEqual(['a', 1]);
  });

  it('reads JSON DynamicValues, including dynamic and big numbers', () => {
    const type: TfType = { object: { a: 'string', n: 'number', d: 'dynamic' } };
    const json = Buffer.from('{"a":"x","n":123456789012345678901,"d":{"value":["p"],"type":["list","string"]}}');
    expect(decodeDynamic({ json }, type)).toEqual({ a: 'x', n: 123456789012345678901n, d: new Typed({ list: 'string' }, ['p']) });
  });

  it('treats an empty DynamicValue as null', () => {
    expect(decodeDynamic({}, 'string')).toBeNull();
    expect(decodeDynamic(undefined, { object: {} })).toBeNull();
  });
});

describe('raw state JSON', () => {
  it('keeps int64 exact, even next to look-alike strings and long decimals', () => {
    expect(
      parseJsonExact(
        '{"s":"12345678901234567890","n":12345678901234567890,"f":1.25,"small":7,"neg":-9223372036854775808,"e":1e300,"d":0.1000000000000000055511151231257827}',
      ),
    ).toEqual({
      s: '12345678901234567890',
      n: 12345678901234567890n,
      f: 1.25,
      small: 7,
      neg: -(2n ** 63n),
      e: 1e300,
      // More digits than float64 holds: kept as the decimal string rather than rounded.
      d: '0.1000000000000000055511151231257827',
    });
  });

  it('re-shapes stored state to the current schema: drops removed attributes, adds new ones as null', () => {
    const type: TfType = { object: { id: 'string', big: 'number', tags: { map: 'string' }, added: 'bool' } };
    expect(conformJson(parseJsonExact('{"id":"x","big":9007199254740993,"tags":{"a":"b"},"removed":1}'), type)).toEqual({
      id: 'x',
      big: 9007199254740993n,
      tags: { a: 'b' },
      added: null,
    });
  });
});

describe('type expressions', () => {
  it.each<[TfType, unknown]>([
    ['string', 'string'],
    ['dynamic', 'dynamic'],
    [{ map: 'string' }, ['map', 'string']],
    [{ set: { list: 'number' } }, ['set', ['list', 'number']]],
    [{ tuple: ['string', 'bool'] }, ['tuple', ['string', 'bool']]],
    [{ object: { a: { set: 'number' } } }, ['object', { a: ['set', 'number'] }]],
  ])('%j ↔ %j', (type, json) => {
    expect(typeToJson(type)).toEqual(json);
    expect(typeFromJson(json)).toEqual(type);
  });

  it('compares sets without order and numbers across number/bigint', () => {
    expect(valuesEqual(['a', 'b'], ['b', 'a'], { set: 'string' })).toBe(true);
    expect(valuesEqual(['a', 'b'], ['b', 'a'], { list: 'string' })).toBe(false);
    expect(valuesEqual(2 ** 60, 2n ** 60n)).toBe(true);
    expect(valuesEqual(UNKNOWN, UNKNOWN)).toBe(true);
    expect(valuesEqual(UNKNOWN, 'x')).toBe(false);
    expect(valuesEqual(UNKNOWN, null)).toBe(false);
  });
});
