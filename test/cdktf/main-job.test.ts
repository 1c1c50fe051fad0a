// `npm start` from a clean data dir, twice: the first run bootstraps and deploys the
// quickstart, the second reconciles without creating anything.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWardenClient } from '@wardenhq/sdk';
import { startServer } from '../../server/start.ts';
import { runProcess } from '../helpers/process.ts';
import { terraformBinary } from '../helpers/terraform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'warden-start-'));

const npmStart = () => runProcess('npm', ['start', '--silent'], { env: { ...process.env, WARDEN_DATA_DIR: dataDir, NO_COLOR: '1' }, cwd: resolve('.') });

describe('npm start', () => {
  it('bootstraps, deploys the quickstart and shows what exists; a second run changes nothing', async () => {
    terraformBinary();
    const first = await npmStart();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/\[1\/5\] starting the embedded server/);
    expect(first.output).toMatch(/created; the bootstrap-admin key is in/);
    expect(first.output).toMatch(/Apply complete! Resources: 3 added/);
    expect(first.output).toMatch(
      /service account ci-github-actions \(sa_[0-9a-z]{20}\)\n\s+roles: member\n\s+key github-actions wdn_\w{8}… active, expires 20/,
    );
    expect(statSync(join(dataDir, 'bootstrap-admin.key')).mode & 0o777).toBe(0o600);

    const second = await npmStart();
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/already bootstrapped/);
    expect(second.output).toMatch(/No changes/);

    const token = readFileSync(join(dataDir, 'bootstrap-admin.key'), 'utf8').trim();
    expect(first.output + second.output).not.toContain(token);
    const server = await startServer({ dataDir, port: 0, logLevel: 'warn' });
    try {
      const sdk = createWardenClient({ endpoint: server.url, apiKey: token });
      const names: string[] = [];
      for await (const sa of sdk.serviceAccounts.iterate()) {
        names.push(sa.name);
        const keys = (await sdk.keys.list({ serviceAccountId: sa.id })).items;
        expect(keys, sa.name).toHaveLength(1);
      }
      expect(names).toEqual(['bootstrap-admin', 'ci-github-actions']);
    } finally {
      await server.close();
    }
  });
});
