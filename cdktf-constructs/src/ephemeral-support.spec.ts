// keyMaterial under cdktf: 'ephemeral' is refused with the ways that work (the cdktn build
// replaces ephemeral-support.ts; test/cdktn covers that side), bad values are listed as props.
import { describe, expect, it } from 'vitest';
import { resources, synth, thrown } from '../../test/cdktf/helpers.ts';
import { ServiceAccount } from './index.ts';

describe('ApiKey keyMaterial (cdktf build)', () => {
  it("refuses 'ephemeral', pointing at @wardenhq/cdktn-constructs and the escape hatch", () => {
    const error = thrown(() =>
      synth((stack) => new ServiceAccount(stack, 'ci', { name: 'ci-deploy' }).addKey({ label: 'gha', ttl: '1d', keyMaterial: 'ephemeral' })),
    );
    expect(error.message).toContain("test/ci/key-gha: keyMaterial 'ephemeral' needs ephemeral resources");
    expect(error.message).toContain('@wardenhq/cdktn-constructs');
    expect(error.message).toContain('escape-hatch');
  });

  it("keeps the server-generated secret by default and with keyMaterial 'server'", () => {
    const out = synth((stack) => {
      const sa = new ServiceAccount(stack, 'ci', { name: 'ci-deploy' });
      sa.addKey({ label: 'a', ttl: '1d' });
      sa.addKey({ label: 'b', ttl: '1d', keyMaterial: 'server' });
    });
    const keys = resources(out, 'warden_api_key');
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.secret_wo).toBeUndefined();
      expect(key.secret_wo_version).toBeUndefined();
    }
    expect(out.parsed).not.toHaveProperty('ephemeral');
  });

  it('lists a bad keyMaterial and a keyMaterialVersion without ephemeral material as invalid props', () => {
    const bad = thrown(() =>
      synth((stack) =>
        new ServiceAccount(stack, 'ci', { name: 'ci-deploy' }).addKey({ label: 'a', ttl: '1d', keyMaterial: 'vault' as never, keyMaterialVersion: 2 }),
      ),
    );
    expect(bad.message).toContain(`keyMaterial: "vault" is not 'server' or 'ephemeral'`);
    expect(bad.message).toContain("keyMaterialVersion: needs keyMaterial: 'ephemeral'");
  });

  it('refuses keyMaterial on a key whose secret is server-generated', () => {
    const error = thrown(() => synth((stack) => void new ServiceAccount(stack, 'ci', { name: 'ci-deploy' }).addKey({ label: 'a', ttl: '1d' }).keyMaterial));
    expect(error.message).toContain("keyMaterial is only available with keyMaterial: 'ephemeral'");
  });
});
