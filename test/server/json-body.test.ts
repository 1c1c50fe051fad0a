// The strict JSON body parser on its own: the duplicate-key scanner never flags what
// JSON.stringify produced (strings full of quotes, escapes and brackets included) and
// always finds a key written twice, wherever it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charsetOf, findDuplicateKey, parseJsonBody } from '../../server/json-body.ts';
import { HttpProblem } from '../../server/errors.ts';

const tricky = fc.oneof(fc.string(), fc.constantFrom('"', '\\', '{"a":1}', '[,]', ',"x":', '\u2028', '😀', '\\u0061'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
})).object;

describe('findDuplicateKey', () => {
  it('finds nothing in what JSON.stringify wrote', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(findDuplicateKey(JSON.stringify(value))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('finds a key repeated in the top-level object, however it is escaped', () => {
    fc.assert(
      fc.property(json, tricky, (value, key) => {
        const text = JSON.stringify(value);
        const repeated = `{${JSON.stringify(key)}:1,${JSON.stringify(key).replace(/a/g, '\\u0061')}:2${text === '{}' ? '' : `,${text.slice(1)}`}`;
        expect(findDuplicateKey(repeated)).toBe(`body.${key}`);
      }),
      { numRuns: 300 },
    );
  });

  it('names nested paths through objects and arrays', () => {
    expect(findDuplicateKey('{"a":[{"b":1},{"c":{"d":1,"e":[1,{"x":1}],"d":2}}]}')).toBe('body.a[1].c.d');
    expect(findDuplicateKey('[{"k":1},{"k":2}]')).toBeUndefined();
    expect(findDuplicateKey('{"a":{"k":1},"b":{"k":2}}')).toBeUndefined();
  });
});

describe('parseJsonBody', () => {
  const problemOf = (body: Buffer, contentType = 'application/json') => {
    try {
      parseJsonBody(body, contentType);
    } catch (error) {
      return error instanceof HttpProblem ? [error.status, error.code] : error;
    }
    return undefined;
  };

  it('accepts UTF-8 JSON, with or without charset=utf-8', () => {
    expect(parseJsonBody(Buffer.from('{"name":"ünïcode"}'), 'application/json; charset=UTF-8')).toEqual({ name: 'ünïcode' });
    expect(parseJsonBody(Buffer.from('[1]'), 'application/json')).toEqual([1]);
  });

  it('refuses other charsets, invalid UTF-8, empty bodies and prototype keys', () => {
    expect(problemOf(Buffer.from('{}'), 'application/json; charset=latin1')).toEqual([415, 'unsupported_media_type']);
    expect(problemOf(Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]))).toEqual([400, 'invalid_request']);
    expect(problemOf(Buffer.from('  '))).toEqual([400, 'invalid_request']);
    expect(problemOf(Buffer.from('{"__proto__":{}}'))).toEqual([400, 'invalid_request']);
    expect(problemOf(Buffer.from('{"a":1,"a":1}'))).toEqual([400, 'duplicate_json_key']);
  });

  it('reads the charset parameter however it is written', () => {
    expect(charsetOf('application/json;charset="utf-8"')).toBe('utf-8');
    expect(charsetOf('application/json ; Charset = ISO-8859-1')).toBe('iso-8859-1');
    expect(charsetOf('application/json')).toBeUndefined();
  });
});
