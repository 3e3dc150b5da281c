import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCarrier } from './carrier.ts';
import { describeMachine } from './machine.ts';
import { benchOtp } from './otp.ts';
import { benchScenarios } from './scenarios.ts';

console.log(`ketai-token benchmarks on ${describeMachine()}\n`);
console.log('OTP engine');
await benchOtp();
console.log('\nCarrier gateway');
const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-'));
try {
  await benchCarrier(dataDir);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
console.log('\nScenario runner (wall time, Chromium and gateways included)');
await benchScenarios('enroll');
