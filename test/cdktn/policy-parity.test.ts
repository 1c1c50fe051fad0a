// Parity of the two construct packages: the same app (test/cdktn/fixtures/policy-app) breaks
// every policy aspect, and `cdktf synth` with @wardenhq/cdktf-constructs (Node 20) and
// `cdktn synth` with @wardenhq/cdktn-constructs (Node 22) both fail, reporting exactly the
// same violations on the same construct paths.
import { mkdtempSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CdktnToolchain } from '../../scripts/cdktn-toolchain.ts';
import { runProcess, type ProcessResult } from '../helpers/process.ts';
import { cdktn, prepareCdktn } from './helpers.ts';

const app = resolve('test/cdktn/fixtures/policy-app');
const work = mkdtempSync(join(tmpdir(), 'warden-policy-parity-'));
let toolchain: CdktnToolchain;

/** The file URL of a package's entry as Node resolves it from `fromDir` (its real path). */
function entryUrl(name: string, fromDir: string): string {
  return pathToFileURL(realpathSync(createRequire(join(fromDir, 'noop.js')).resolve(name))).href;
}

const flavors: Record<string, () => Promise<ProcessResult>> = {
  cdktf: () => {
    const env = {
      ...process.env,
      CI: '1',
      CHECKPOINT_DISABLE: '1',
      DISABLE_VERSION_CHECK: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      WARDEN_CDK_URL: entryUrl('cdktf', resolve('cdktf-constructs')),
      WARDEN_CONSTRUCTS_URL: pathToFileURL(resolve('cdktf-constructs/src/index.ts')).href,
    };
    return runProcess(resolve('node_modules/.bin/cdktf'), ['synth', '--app', 'node --import tsx main.mjs', '--output', join(work, 'cdktf.out')], {
      cwd: app,
      env,
    });
  },
  cdktn: () => {
    const env = {
      ...process.env,
      WARDEN_CDK_URL: entryUrl('cdktn', resolve('cdktn-constructs')),
      WARDEN_CONSTRUCTS_URL: pathToFileURL(resolve('cdktn-constructs/dist/src/index.js')).href,
    };
    return cdktn(toolchain, ['synth', '--app', 'node main.mjs', '--output', join(work, 'cdktn.out')], { cwd: app, env });
  },
};

/** `[construct path]: [policy Rule] message` lines, sorted and de-duplicated. */
function violations(output: string): string[] {
  return [...new Set(output.match(/\[[^\]\s]+\]: \[policy \w+\][^\n]*/g) ?? [])].map((line) => line.trim()).sort();
}

beforeAll(() => {
  toolchain = prepareCdktn();
}, 600_000);

describe('policy aspects under cdktf and cdktn', () => {
  const results: Record<string, string[]> = {};

  it.each(Object.keys(flavors))('%s synth fails, listing every violation', async (flavor) => {
    const result = await flavors[flavor]!();
    expect(result.code, result.output).not.toBe(0);
    results[flavor] = violations(result.output);
    // Which rule fired where; the wording is compared across the two CDKs below.
    expect(results[flavor]!.map((line) => line.replace(/^(\S+) \[policy (\w+)\].*$/, '$1 $2'))).toEqual([
      '[policy/ci/key-ci-forever]: MaxKeyTtl',
      '[policy/ci/key-ci-forever]: NoNonExpiringKeys',
      '[policy/ci/key-gha-prod]: LabelNamingRule',
      '[policy/ci/key-gha-prod]: MaxKeyTtl',
      '[policy/ci]: ForbiddenRoles',
      '[policy/ci]: RequireDescriptions',
      '[policy/deployer]: RequireDescriptions',
    ]);
  });

  it('reports the same violations under both', () => {
    expect(Object.keys(results).sort()).toEqual(['cdktf', 'cdktn']);
    expect(results.cdktn).toEqual(results.cdktf);
  });
});
