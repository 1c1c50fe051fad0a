import { defineConfig } from 'vitest/config';

// End-to-end tests start real servers and the real terraform binary, so they
// get generous timeouts and run in forks to keep native modules isolated.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'cdktf-constructs/**/*.spec.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
