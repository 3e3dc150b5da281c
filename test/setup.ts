import { afterAll, afterEach } from 'vitest';
import { dropHookDatabases } from './helpers/backends.ts';
import { removeTempDirs } from './helpers/temp-dir.ts';

// Runs before every test file. The cleanup hooks live here, not at the helpers' top level: test files
// share a worker's module cache (vitest.config.ts, isolate: false), so a helper's top-level code runs
// only for the first file that imports it.
afterEach(removeTempDirs);
afterAll(dropHookDatabases, 120_000);
