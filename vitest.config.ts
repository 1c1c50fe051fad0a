import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: `unit` (no server, no terraform, no child process; `npm run test:unit` runs in
// seconds) and `e2e` (real servers, the real terraform and cdktf binaries, PostgreSQL). The e2e
// tests get generous timeouts and run in forks to keep native modules isolated.
const UNIT = [
  'cdktf-constructs/**/*.spec.ts',
  'provider/**/*.test.ts',
  'sdk/**/*.test.ts',
  'test/contract/**/*.test.ts',
  'test/cli/{help,provider-install}.test.ts',
  'test/cdktf/bindings-fresh.test.ts',
  'test/provider-protocol/{codec,diagnostics,planning,generated-fresh}.test.ts',
  'test/review/{analyze,drift,policy,render}.test.ts',
  'test/sdk/{duration,errors,paging,retry,session-client,token}.test.ts',
  'test/console/expiring.test.ts',
  'test/server/{metrics,people-units,request-logger,wal-commit-watch}.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    exclude: [...configDefaults.exclude, '**/dist/**', '**/cdktf.out/**', '**/build-src/**'],
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...UNIT] } },
    ],
  },
});
