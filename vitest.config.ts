import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // A worker keeps its module cache from one file to the next instead of importing the gateway anew
    // for each (about half a second of CPU a file). Nothing here keeps state in a module: each test
    // builds its own services, gateway and browser context; per-file cleanup is in test/setup.ts.
    isolate: false,
    // vitest's default on two cores is one worker; most test time is waiting (Chromium, child
    // gateways, scrypt on the thread pool, fsync), so three files at a time keep both cores busy.
    maxWorkers: 3,
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
