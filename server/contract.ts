// Request and response validation driven by openapi/warden.yaml (imported as its generated
// JSON, openapi/generated/warden.json), so that no schema is
// written twice. Each operation gets Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses)
// validators for its path, query, headers, body and responses.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import contractDocument from '../openapi/generated/warden.json' with { type: 'json' };
import { problem, type FieldError } from './errors.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = 'warden.yaml';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  /** The fastify route path, `{param}` → `:param`. */
  route: string;
  secured: boolean;
  validateRequest(input: { params: unknown; query: unknown; headers: Record<string, unknown>; body: unknown; hasBody: boolean }): {
    params: Record<string, unknown>;
    query: Record<string, unknown>;
  };
  validateResponse(status: number, body: unknown): string | undefined;
}

// The contract is walked as plain JSON whose shape only the OpenAPI document fixes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = Record<string, any>;

function resolveRef(doc: Json, node: Json): Json {
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    return node.$ref
      .slice(2)
      .split('/')
      .reduce((acc: Json, part: string) => acc[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

/** Rewrites local `#/…` references so a schema lifted out of the document still resolves. */
function absolutize(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(absolutize);
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC_ID}${v}` : absolutize(v)]),
    );
  }
  return node;
}

/** `/body/name` → `body.name`; missing required properties name the property itself. */
function toFieldErrors(location: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    const segments = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required') {
      segments.push(String(e.params.missingProperty));
    }
    if (e.keyword === 'additionalProperties') {
      segments.push(String(e.params.additionalProperty));
      return { field: [location, ...segments].join('.'), message: 'is not a known field; remove it' };
    }
    const field = [location, ...segments].join('.');
    // A pattern alone tells a user little; the contract's description says what is meant.
    const described = e.keyword === 'pattern' && typeof e.parentSchema?.description === 'string';
    const example = Array.isArray(e.parentSchema?.examples) ? ` (e.g. ${e.parentSchema.examples.join(', ')})` : '';
    const message = e.keyword === 'required' ? 'is required' : described ? `is invalid: ${e.parentSchema!.description}${example}` : (e.message ?? 'is invalid');
    return { field, message };
  });
}

function isEmpty(value: unknown): boolean {
  for (const _ in value as object) {
    return false;
  }
  return true;
}

export function loadContract(): { doc: Json; operations: Operation[] } {
  // A deep copy: Ajv annotates the schemas it compiles, and the imported JSON is shared.
  const doc = structuredClone(contractDocument) as Json;
  const strictAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, verbose: true });
  const coercingAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true, useDefaults: true, verbose: true });
  for (const ajv of [strictAjv, coercingAjv]) {
    addFormats(ajv);
    ajv.addSchema(doc, DOC_ID);
  }
  const refTo = (pointer: string): Json => ({ $ref: `${DOC_ID}#${pointer}` });
  const operations: Operation[] = [];

  for (const [path, item] of Object.entries(doc.paths as Json)) {
    const shared: Json[] = (item.parameters ?? []).map((p: Json) => resolveRef(doc, p));
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method] as Json | undefined;
      if (!op) {
        continue;
      }
      const params = [...shared, ...(op.parameters ?? []).map((p: Json) => resolveRef(doc, p))] as Parameter[];
      const group = (where: Parameter['in'], lower = false): ValidateFunction => {
        const selected = params.filter((p) => p.in === where);
        return coercingAjv.compile({
          type: 'object',
          properties: Object.fromEntries(selected.map((p) => [lower ? p.name.toLowerCase() : p.name, absolutize(p.schema)])),
          required: selected.filter((p) => p.required).map((p) => (lower ? p.name.toLowerCase() : p.name)),
          additionalProperties: where === 'header',
        });
      };
      const pathValidator = group('path');
      const queryValidator = group('query');
      // Most operations declare no header: then every header set passes, and the copy
      // validation needs (coercion writes into it) is skipped.
      const headerValidator = params.some((p) => p.in === 'header') ? group('header', true) : undefined;
      const body = op.requestBody as Json | undefined;
      // Request bodies are always component references in the contract.
      const bodySchema = body?.content?.['application/json']?.schema as Json | undefined;
      const bodyValidator = bodySchema ? strictAjv.compile(refTo(String(bodySchema.$ref).slice(1))) : undefined;
      const takesInput = params.length > 0 || bodySchema !== undefined;
      const responseValidators = new Map<number, ValidateFunction>();
      for (const [status, response] of Object.entries(op.responses as Json)) {
        const resolved = resolveRef(doc, response as Json);
        const content = resolved.content as Json | undefined;
        const media = content?.['application/json'] ?? content?.['application/problem+json'];
        if (media?.schema) {
          responseValidators.set(Number(status), strictAjv.compile(absolutize(media.schema) as Json));
        }
      }

      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{([^}]+)\}/g, ':$1'),
        secured: !(Array.isArray(op.security) && op.security.length === 0),
        validateRequest(input) {
          // Without parameters or a body, a valid request has an empty query and no body;
          // then there is nothing to copy or run a validator on.
          if (!takesInput && !input.hasBody && isEmpty(input.query)) {
            return { params: {}, query: {} };
          }
          const errors: FieldError[] = [];
          const paramsCopy = { ...(input.params as Json) };
          const queryCopy = { ...(input.query as Json) };
          for (const [key, value] of Object.entries(queryCopy)) {
            if (Array.isArray(value)) {
              errors.push({ field: `query.${key}`, message: 'must be given once' });
              queryCopy[key] = value[0];
            }
          }
          if (!pathValidator(paramsCopy)) {
            errors.push(...toFieldErrors('path', pathValidator.errors));
          }
          if (!queryValidator(queryCopy)) {
            errors.push(...toFieldErrors('query', queryValidator.errors));
          }
          if (headerValidator && !headerValidator({ ...input.headers })) {
            errors.push(...toFieldErrors('header', headerValidator.errors));
          }
          if (bodyValidator) {
            if (!input.hasBody) {
              if (body?.required) {
                errors.push({ field: 'body', message: 'a JSON body is required' });
              }
            } else if (!bodyValidator(input.body)) {
              errors.push(...toFieldErrors('body', bodyValidator.errors));
            }
          } else if (input.hasBody) {
            errors.push({ field: 'body', message: 'this operation takes no body' });
          }
          if (errors.length > 0) {
            const first = errors[0]!;
            throw problem(400, 'invalid_request', `${first.field} ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, errors);
          }
          return { params: paramsCopy, query: queryCopy };
        },
        validateResponse(status, responseBody) {
          const validator = responseValidators.get(status);
          if (!validator) {
            return status === 204 || status === 200 || status === 201 ? undefined : `status ${status} is not documented for ${op.operationId}`;
          }
          if (!validator(responseBody)) {
            return `${op.operationId} ${status}: ${strictAjv.errorsText(validator.errors)}`;
          }
          return undefined;
        },
      });
    }
  }
  return { doc, operations };
}
