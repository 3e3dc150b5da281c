import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchApi } from './api.ts';
import { benchCarrier } from './carrier.ts';
import { describeMachine } from './machine.ts';
import { benchOtp } from './otp.ts';
import { benchScenarios } from './scenarios.ts';
import { benchStore } from './store.ts';

console.log(`ketai-token benchmarks on ${describeMachine()}\n`);
if (process.argv[2] === 'store') {
  await benchStore();
  process.exit(0);
}
console.log('Store');
await benchStore();
console.log('\nOTP engine');
await benchOtp();
console.log('\nCarrier gateway');
const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-'));
try {
  await benchCarrier(dataDir);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
await benchApi();
console.log('\nScenario runner (wall time, Chromium and gateways included)');
await benchScenarios('enroll');
