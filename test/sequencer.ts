import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (a browser and several gateways, JVMs), longest first: started first,
 * they run beside the many short files instead of leaving one worker with a long tail at the end.
 * Without this a fresh clone (no vitest cache) starts the biggest files first, and the scenario
 * parts are the smallest. Measured with `npx vitest run --reporter=json` (README, "Tests").
 */
const SLOW_FIRST = [
  'test/scenarios-1.test.ts',
  'test/scenarios-2.test.ts',
  'test/scenarios-3.test.ts',
  'test/java-token.test.ts',
  'test/emulator-e2e.test.ts',
  'test/portal-e2e.test.ts',
  'test/emulator-tester.test.ts',
  'test/scenario-runner.test.ts',
  'test/portal.test.ts',
  'test/biz.test.ts',
  'test/store-postgres.test.ts',
  // Mostly the PostgreSQL server's work (about a second for each database a test creates).
  'test/store-contract.test.ts',
  'test/session.test.ts',
  'test/api-cli.test.ts',
  'test/two-gateways.test.ts',
  'test/client-throttle.test.ts',
  'test/api-fuzz.test.ts',
  'test/run-isolation.test.ts',
  'test/scenario-driver.test.ts',
  'test/isolated-gateway.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOW_FIRST.indexOf(relative(file.project.config.root, file.moduleId).split('\\').join('/'));
      return index < 0 ? SLOW_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order (cached durations, else size).
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
