import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: build the app, serve it with `vite preview`, drive headless Chromium (test/e2e/harness.ts).
 * One file at a time — each starts its own browser and the machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // two layers' attribute tables compared once, not once per parcel (the helper says why)
    setupFiles: ['test/helpers/attrTableEquality.ts'],
    fileParallelism: false,
    // the browser answers through the app's worker; on a shared 2-core CI machine 1 s (the default) flakes
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
