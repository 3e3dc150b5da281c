import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // vitest's default on two cores is one worker; most test time is waiting (Chromium, child
    // gateways, scrypt on the thread pool, fsync), so three files at a time keep both cores busy.
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
