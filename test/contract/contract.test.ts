// The contract and the server agree: every operation has a handler, and every secured
// operation documents its 401 answer. (Lint: lint.test.ts; SDK types: generated-fresh.test.ts.)
import { describe, expect, it } from 'vitest';
import { HANDLERS, PUBLIC_HANDLERS } from '../../server/handlers/index.ts';
import { loadContract } from '../../server/contract.ts';

describe('openapi/warden.yaml', () => {
  it('has a handler for every operation and every secured operation documents 401', () => {
    const { doc, operations } = loadContract();
    for (const op of operations.filter((o) => o.secured)) {
      expect(HANDLERS[op.operationId] ?? PUBLIC_HANDLERS[op.operationId], op.operationId).toBeTypeOf('function');
      expect(Object.keys(doc.paths[op.path][op.method.toLowerCase()].responses), op.operationId).toContain('401');
    }
  });
});
