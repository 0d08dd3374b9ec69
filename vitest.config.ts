import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // browser end-to-end tests run after the unit tests, with their own config (vitest.e2e.config.ts)
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // two layers' attribute tables compared once, not once per parcel (the helper says why)
    setupFiles: ['test/helpers/attrTableEquality.ts'],
  },
});
