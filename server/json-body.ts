// The one request body parser: application/json in UTF-8, strictly. fastify's default
// parser accepts what this one refuses: a declared non-UTF-8 charset, invalid UTF-8
// (silently turned into U+FFFD) and duplicate keys in an object (the last one silently
// wins, so two readers of the same body could disagree on what it says).
import secureJson from 'secure-json-parse';
import { problem, type HttpProblem } from './errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The `charset` parameter of a Content-Type header, lowercased, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}

interface ObjectFrame {
  kind: 'object';
  keys: Set<string>;
  key?: string;
  expectKey: boolean;
}
interface ArrayFrame {
  kind: 'array';
  index: number;
}

/** Index just past the string literal that starts at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') {
    i += text[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

function fieldPath(stack: (ObjectFrame | ArrayFrame)[]): string {
  return stack.map((frame) => (frame.kind === 'array' ? `[${frame.index}]` : `.${frame.key}`)).join('');
}

/**
 * The path (`body.a.b`) of the first key that appears twice in one object, or undefined.
 * Expects text that JSON.parse accepted: it only tracks strings, brackets and commas.
 * Keys are compared decoded, so `"a"` and `"\u0061"` are the same key.
 */
export function findDuplicateKey(text: string): string | undefined {
  const stack: (ObjectFrame | ArrayFrame)[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        if (top.keys.has(key)) {
          top.key = key;
          return `body${fieldPath(stack)}`;
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === '{') {
      stack.push({ kind: 'object', keys: new Set(), expectKey: true });
    } else if (c === '[') {
      stack.push({ kind: 'array', index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') {
        top.expectKey = true;
      } else if (top) {
        top.index++;
      }
    }
    i++;
  }
  return undefined;
}

const invalidJson = (message: string): HttpProblem =>
  problem(400, 'invalid_request', `The body is not valid JSON: it ${message}.`, [{ field: 'body', message }]);

/** Parses a request body or throws the problem to answer with. */
export function parseJsonBody(body: Buffer, contentType: string | undefined): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw problem(415, 'unsupported_media_type', 'Send request bodies as application/json in UTF-8 (charset=utf-8 or no charset).');
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw invalidJson('is not valid UTF-8');
  }
  if (text.trim() === '') {
    throw invalidJson('is empty');
  }
  let value: unknown;
  try {
    // Refuses `__proto__` and `constructor.prototype` keys, as fastify's own parser does.
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw invalidJson('is not well-formed');
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    throw problem(400, 'duplicate_json_key', `The body names ${duplicate} more than once; send each key once.`, [
      { field: duplicate, message: 'appears more than once in the same object' },
    ]);
  }
  return value;
}
