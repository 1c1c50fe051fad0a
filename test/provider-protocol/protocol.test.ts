// Protocol plumbing that needs no terraform: the handshake line and cookie check, hclog
// logging with levels and redaction, private state, the schema JSON export, and the
// unbundled provider refusing to run when started by hand.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PrivateState } from '../../provider/framework/private-state.ts';
import { providerSchemaJson } from '../../provider/framework/schema-json.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, handshakeLine, launchProblem } from '../../provider/protocol/handshake.ts';
import { addRedactionPattern, createLogger, levelFromEnv, redact } from '../../provider/protocol/logging.ts';
import { toyProvider } from '../fixtures/toy-provider/provider.ts';

describe('handshake', () => {
  it('refuses without the magic cookie and explains what the binary is', () => {
    expect(launchProblem('toy', {})).toMatch(/terraform-provider-toy, a Terraform plugin/);
    expect(launchProblem('toy', { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5' })).toMatch(/speaks only 6/);
    expect(launchProblem('toy', { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6' })).toBeUndefined();
  });

  it('writes core version 1, protocol 6, unix socket, grpc and the certificate', () => {
    expect(handshakeLine('/tmp/x/plugin.sock', 'MIIB')).toBe('1|6|unix|/tmp/x/plugin.sock|grpc|MIIB\n');
    expect(handshakeLine('/tmp/x/plugin.sock', undefined)).toBe('1|6|unix|/tmp/x/plugin.sock|grpc|\n');
  });

  it('exits 1 with a message on stderr and nothing on stdout when started by hand', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/toy-provider/main.ts'], {
      cwd: `${import.meta.dirname}/../..`,
      env: { ...process.env, [MAGIC_COOKIE_KEY]: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('a Terraform plugin');
  });
});

describe('logging', () => {
  it('writes hclog-shaped JSON lines at or above the level from TF_LOG_PROVIDER / TF_LOG', () => {
    const lines: string[] = [];
    const logger = createLogger('provider.toy', { level: levelFromEnv({ TF_LOG: 'trace', TF_LOG_PROVIDER: 'warn' }), write: (l) => lines.push(l) });
    logger.log('info', 'hidden');
    logger.log('error', 'shown', { big: 2n ** 60n });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ '@level': 'error', '@message': 'shown', '@module': 'provider.toy', big: String(2n ** 60n) });
    expect(Date.parse(entry['@timestamp'])).not.toBeNaN();
    expect(levelFromEnv({})).toBe(4);
    expect(levelFromEnv({ TF_LOG: 'json' })).toBe(0);
  });

  it('masks sensitive attributes and registered secret shapes', () => {
    expect(redact({ name: 'a', secret: 's3cr3t', token: null }, ['secret', 'token'])).toEqual({ name: 'a', secret: '[redacted]', token: null });
    addRedactionPattern(/tok_[a-z0-9]{8}/);
    const lines: string[] = [];
    createLogger('m', { level: 0, write: (l) => lines.push(l) }).log('debug', 'created tok_abcdef12');
    expect(lines[0]).not.toContain('tok_abcdef12');
  });
});

describe('private state', () => {
  it('passes foreign bytes through untouched and stores named JSON entries', () => {
    expect(PrivateState.from(Buffer.from('opaque')).toBytes().toString()).toBe('opaque');
    const p = PrivateState.from(Buffer.from('{"a":1}'));
    p.set('b', 'x');
    expect(JSON.parse(p.toBytes().toString())).toEqual({ a: 1, b: 'x' });
    p.delete('a');
    p.delete('b');
    expect(p.toBytes().length).toBe(0);
  });
});

describe('schema JSON export', () => {
  it('has the shape of `terraform providers schema -json`', () => {
    const json = providerSchemaJson(toyProvider, 'registry.terraform.io/example/toy');
    const toy = json.provider_schemas['registry.terraform.io/example/toy']!;
    expect(json.format_version).toBe('1.0');
    expect(Object.keys(toy)).toEqual(['provider', 'resource_schemas', 'data_source_schemas', 'ephemeral_resource_schemas']);
    expect(toy.resource_schemas!.toy_thing).toMatchObject({
      version: 1,
      block: {
        attributes: {
          secret: { type: 'string', computed: true, sensitive: true },
          token_wo: { write_only: true, optional: true },
          tags: { type: ['map', 'string'] },
        },
      },
    });
  });
});
