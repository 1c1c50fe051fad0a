// The committed protocol descriptor and message types are exactly what the .proto files
// generate today, and the descriptor serves every RPC the types name.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, GENERATED_FILES, generateProtocol } from '../../scripts/generate-protocol.ts';
import { loadServices } from '../../provider/protocol/protos.ts';

const root = resolve(import.meta.dirname, '../..');

describe('provider/protocol/generated/', () => {
  it('is fresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-protocol-'));
    try {
      generateProtocol(dir);
      for (const file of GENERATED_FILES) {
        const committed = readFileSync(join(root, GENERATED_DIR, file), 'utf8');
        if (committed !== readFileSync(join(dir, file), 'utf8')) {
          expect.fail(
            `${GENERATED_DIR}/${file} is stale: a .proto file changed since it was generated. Run \`npm run generate:protocol\` and commit the result.`,
          );
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the services Terraform and go-plugin call from the precompiled descriptor', () => {
    const services = loadServices();
    expect(services.provider.ReadResource?.path).toBe('/tfplugin6.Provider/ReadResource');
    expect(services.stdio.StreamStdio?.responseStream).toBe(true);
    expect(services.health.Check?.path).toBe('/grpc.health.v1.Health/Check');
    const types = readFileSync(join(root, GENERATED_DIR, 'tfplugin6.ts'), 'utf8');
    for (const name of Object.keys(services.provider)) {
      expect(types).toContain(`  ${name}: { request: ${name}_Request; response: ${name}_Response };`);
    }
  });

  it('round-trips a message with the generated field names, enums by name and int64 as number', () => {
    const method = loadServices().provider.PlanResourceChange!;
    const response = {
      planned_state: { msgpack: Buffer.from([0x80]) },
      requires_replace: [{ steps: [{ attribute_name: 'name' }, { element_key_int: 3 }] }],
      diagnostics: [{ severity: 'WARNING', summary: 's', detail: 'd' }],
    };
    const decoded = method.responseDeserialize(method.responseSerialize(response)) as typeof response;
    expect(Buffer.from(decoded.planned_state.msgpack)).toEqual(Buffer.from([0x80]));
    expect(decoded.requires_replace[0]!.steps[1]).toMatchObject({ element_key_int: 3, selector: 'element_key_int' });
    expect(decoded.diagnostics[0]).toMatchObject({ severity: 'WARNING', summary: 's', detail: 'd' });
  });
});
