import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/fast-check-setup.ts', './test/log-on-failure-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores in CI: run files in parallel but not more than the machine can take.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
