// End to end with the real terraform binary: the toy provider bundled by the packaging
// step into a temporary filesystem mirror, served over AutoMTLS (terraform always sends
// PLUGIN_CLIENT_CERT). Fails, never skips, when terraform is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonExact } from '../../provider/protocol/codec.ts';
import { providerSchemaJson } from '../../provider/framework/schema-json.ts';
import { buildProvider } from '../../provider/packaging/build.ts';
import { installInMirror, writeCliConfig, type TerraformEnv } from '../../provider/packaging/mirror.ts';
import { toyProvider } from '../fixtures/toy-provider/provider.ts';

const TERRAFORM = process.env.TERRAFORM_BINARY_NAME || 'terraform';
const ADDRESS = { namespace: 'example', type: 'toy', version: '0.1.0' };

let root: string;
let work: string;
let store: string;
let env: TerraformEnv;

function terraform(args: string[]) {
  const run = spawnSync(TERRAFORM, [...args, '-no-color'], { cwd: work, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 90_000 });
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

function ok(args: string[]): string {
  const run = terraform(args);
  if (run.code !== 0) {
    throw new Error(`terraform ${args.join(' ')} exited ${run.code}:\n${run.output}`);
  }
  return run.output;
}

const things = () => JSON.parse(readFileSync(store, 'utf8')) as Record<string, Record<string, unknown>>;

function state(address: string): Record<string, unknown> {
  // parseJsonExact: JSON.parse would round 9007199254740993 and hide a precision bug.
  const shown = parseJsonExact(ok(['show', '-json'])) as { values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } } };
  const found = shown.values?.root_module?.resources?.find((r) => r.address === address);
  if (!found) {
    throw new Error(`${address} is not in state`);
  }
  return found.values;
}

function configure(resources: string): void {
  writeFileSync(
    join(work, 'main.tf'),
    `terraform {
  required_providers {
    toy = { source = "example/toy", version = "${ADDRESS.version}" }
  }
}
provider "toy" {
  store_path = ${JSON.stringify(store)}
}
${resources}`,
  );
}

const thing = (fields: { description?: string; zone?: string } = {}) => `
resource "toy_thing" "a" {
  name        = "alpha"
  description = ${JSON.stringify(fields.description ?? 'first')}
  zone        = ${JSON.stringify(fields.zone ?? 'a')}
  big         = 9007199254740993
  tags        = { env = "test" }
  token_wo    = "write-only-value"
}
data "toy_thing" "a" {
  name       = toy_thing.a.name
  depends_on = [toy_thing.a]
}
output "looked_up" {
  value = data.toy_thing.a.id
}
`;

beforeAll(async () => {
  const version = spawnSync(TERRAFORM, ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(`The end-to-end test needs the terraform binary ("${TERRAFORM}") on PATH: ${version.error?.message ?? version.stderr}`);
  }
  root = mkdtempSync(join(tmpdir(), 'toy-e2e-'));
  work = join(root, 'work');
  store = join(root, 'things.json');
  const bundle = await buildProvider({ entry: 'test/fixtures/toy-provider/main.ts', outDir: join(root, 'dist'), cwd: join(import.meta.dirname, '../..') });
  installInMirror({ ...ADDRESS, mirror: join(root, 'mirror'), bundle });
  env = writeCliConfig({ file: join(root, 'terraform.rc'), mirror: join(root, 'mirror'), providers: [ADDRESS] });
  spawnSync('mkdir', ['-p', work]);
  configure(thing());
  ok(['init']);
});

afterAll(() => {
  if (root) {
    rmSync(root, { recursive: true, force: true });
  }
});

describe('toy provider under terraform', () => {
  let first: Record<string, unknown>;

  it('creates, keeping int64 exact, write-only out of state and the secret out of the output', () => {
    const output = ok(['apply', '-auto-approve']);
    first = state('toy_thing.a');
    expect(first.id).toMatch(/^thing-/);
    expect(first.big).toBe(9007199254740993n);
    expect(String(things()[first.id as string]!.big)).toBe('9007199254740993');
    expect(first.token_wo).toBeNull();
    expect(first.description_length).toBe(5);
    expect(typeof first.secret).toBe('string');
    expect(output).not.toContain(first.secret as string);
    expect(output).toContain('(sensitive value)');
    expect(output).toMatch(/looked_up = "thing-/);
  });

  it('plans no changes right after apply', () => {
    const plan = terraform(['plan', '-detailed-exitcode']);
    expect(plan.output).not.toContain(first.secret as string);
    expect(plan.code, plan.output).toBe(0);
  });

  it('updates in place, keeping id, created_at and secret', () => {
    configure(thing({ description: 'second' }));
    const plan = ok(['plan']);
    expect(plan).toContain('will be updated in-place');
    expect(plan).toMatch(/updated_at\s+= "[^"]+" -> \(known after apply\)/);
    ok(['apply', '-auto-approve']);
    const after = state('toy_thing.a');
    expect(after).toMatchObject({ id: first.id, created_at: first.created_at, secret: first.secret, description: 'second', description_length: 6 });
    expect(terraform(['plan', '-detailed-exitcode']).code).toBe(0);
  });

  it('replaces when the zone changes', () => {
    configure(thing({ description: 'second', zone: 'b' }));
    const plan = ok(['plan']);
    expect(plan).toContain('must be replaced');
    expect(plan).toMatch(/zone\s+= "a" -> "b" # forces replacement/);
    ok(['apply', '-auto-approve']);
    const after = state('toy_thing.a');
    expect(after.id).not.toBe(first.id);
    expect(after.zone).toBe('b');
    expect(Object.keys(things())).toEqual([after.id]);
    expect(terraform(['plan', '-detailed-exitcode']).code).toBe(0);
  });

  it('reports validator problems on the attribute', () => {
    configure(thing({ zone: 'z' }));
    const plan = terraform(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.output).toContain('Invalid value for zone');
    expect(plan.output).toMatch(/"z" must be one of "a", "b", "c"/);
    expect(plan.output).toMatch(/on main\.tf line \d+, in resource "toy_thing" "a":\s+\d+:\s+zone\s+= "z"/);
  });

  it('imports with an import block', () => {
    const id = 'thing-import1';
    writeFileSync(
      store,
      JSON.stringify({
        ...things(),
        [id]: {
          id,
          name: 'outside',
          description: null,
          zone: 'c',
          big: null,
          tags: null,
          created_at: '2024-01-01T00:00:00.000Z',
          updated_at: '2024-01-01T00:00:00.000Z',
          secret: 'imported-secret',
        },
      }),
    );
    configure(`${thing({ description: 'second', zone: 'b' })}
import {
  to = toy_thing.imported
  id = "${id}"
}
resource "toy_thing" "imported" {
  name = "outside"
  zone = "c"
}
`);
    const plan = ok(['plan']);
    expect(plan).toContain('toy_thing.imported will be imported');
    expect(plan).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    ok(['apply', '-auto-approve']);
    expect(state('toy_thing.imported')).toMatchObject({ id, name: 'outside', created_at: '2024-01-01T00:00:00.000Z', secret: 'imported-secret' });
    expect(terraform(['plan', '-detailed-exitcode']).code).toBe(0);
  });

  it('re-creates an object deleted outside terraform', () => {
    const id = state('toy_thing.imported').id as string;
    const { [id]: _gone, ...rest } = things();
    writeFileSync(store, JSON.stringify(rest));
    const plan = terraform(['plan', '-detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.output).toContain('toy_thing.imported will be created');
  });

  it('prints the same schema as the framework exports', () => {
    const printed = JSON.parse(ok(['providers', 'schema', '-json']));
    const exported = providerSchemaJson(toyProvider, 'registry.terraform.io/example/toy');
    expect(printed).toEqual(JSON.parse(JSON.stringify(exported)));
  });

  it('destroys everything', () => {
    ok(['destroy', '-auto-approve']);
    expect(things()).toEqual({});
  });
});
