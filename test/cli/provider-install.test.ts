// `warden provider install`: a release zip becomes a filesystem mirror that Terraform's layout
// expects, checked against SHA256SUMS; a tampered or unlisted zip is refused and nothing is
// installed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installProvider } from '../../cli/provider-install.ts';
import { hostPlatform } from '../../provider/packaging/mirror.ts';
import { sha256Sums, sumsName, zipExecutable, zipName } from '../../provider/packaging/release-files.ts';

const VERSION = '9.8.7';
const platform = hostPlatform();
const executableName = `terraform-provider-warden_v${VERSION}${platform.startsWith('windows') ? '.exe' : ''}`;

function release(options: { listed?: boolean; tamper?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-release-'));
  const zip = zipExecutable(executableName, Buffer.from('#!/bin/sh\necho provider\n'), new Date(Date.UTC(2026, 0, 1)));
  const name = zipName(VERSION, platform);
  writeFileSync(join(dir, name), options.tamper ? Buffer.concat([Buffer.from(zip), Buffer.from('x')]) : zip);
  const listed = options.listed === false ? { 'other.zip': zip } : { [name]: zip };
  writeFileSync(join(dir, sumsName(VERSION)), sha256Sums(listed));
  return dir;
}

describe('warden provider install', () => {
  it('lays this platform’s zip out as a filesystem mirror with a CLI config, verified against SHA256SUMS', () => {
    const target = mkdtempSync(join(tmpdir(), 'warden-mirror-'));
    const result = installProvider({ from: release(), dir: target });
    const expected = join(target, 'registry.terraform.io/wardenhq/warden', VERSION, platform, executableName);
    expect(result).toMatchObject({ version: VERSION, platform, executable: expected, verified: true });
    expect(readFileSync(expected, 'utf8')).toContain('echo provider');
    expect(statSync(expected).mode & 0o777).toBe(0o755);
    const config = readFileSync(result.cliConfigFile!, 'utf8');
    expect(config).toContain(`path    = ${JSON.stringify(target)}`);
    expect(config).toContain('"registry.terraform.io/wardenhq/warden"');
  });

  it('refuses a zip whose SHA-256 differs from SHA256SUMS, installing nothing', () => {
    const target = join(mkdtempSync(join(tmpdir(), 'warden-mirror-')), 'mirror');
    expect(() => installProvider({ from: release({ tamper: true }), dir: target })).toThrow(/does not match its SHA-256/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a zip that SHA256SUMS does not list', () => {
    expect(() => installProvider({ from: release({ listed: false }), dir: mkdtempSync(join(tmpdir(), 'warden-mirror-')) })).toThrow(/has no line for/);
  });

  it('names the expected file when the directory has no zip for this platform', () => {
    const empty = mkdtempSync(join(tmpdir(), 'warden-empty-'));
    mkdirSync(join(empty, 'sub'));
    expect(() => installProvider({ from: empty })).toThrow(new RegExp(`terraform-provider-warden_\\*_${platform}\\.zip`));
  });
});
