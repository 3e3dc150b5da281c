import { fuzzForms } from '../test/helpers/form-fuzz.ts';
import { describeMachine } from './machine.ts';

/**
 * `npm run fuzz [inputs] [seed]`: every portal form (valid session and CSRF token) and the
 * provisioning endpoint with fuzzed input, 10,000 inputs by default. Prints the figures; exits 1
 * at the first 5xx or CSRF refusal, with the input and fast-check's seed to replay it.
 */
const runs = Number(process.argv[2] ?? 10_000);
const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
if (!Number.isInteger(runs) || runs < 1 || (seed !== undefined && !Number.isInteger(seed))) {
  console.error('usage: npm run fuzz -- [inputs] [seed]');
  process.exit(2);
}

console.log(`ketai-token form fuzz on ${describeMachine()}: ${runs} inputs`);
const started = performance.now();
try {
  const figures = await fuzzForms({
    runs,
    ...(seed === undefined ? {} : { seed }),
    onProgress: (done) => {
      if (done % 1000 === 0) console.log(`  ${done} inputs, ${Math.round((performance.now() - started) / 1000)} s`);
    },
  });
  const total = new Map<number, number>();
  console.log('\ninputs  statuses                          target');
  for (const [name, counts] of [...figures.statuses].sort(([a], [b]) => a.localeCompare(b))) {
    const inputs = [...counts.values()].reduce((sum, n) => sum + n, 0);
    for (const [status, n] of counts) total.set(status, (total.get(status) ?? 0) + n);
    console.log(`${String(inputs).padStart(6)}  ${histogram(counts).padEnd(32)}  ${name}`);
  }
  console.log(`\ninputs ${figures.inputs}, statuses ${histogram(total)}, 5xx ${figures.serverErrors}, CSRF refusals 0, ${Math.round((performance.now() - started) / 1000)} s`);
} catch (error) {
  console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function histogram(counts: Map<number, number>): string {
  return [...counts].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
}
