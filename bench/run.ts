import { describeMachine } from './machine.ts';
import { benchOtp } from './otp.ts';
import { benchScenarios } from './scenarios.ts';

console.log(`ketai-token benchmarks on ${describeMachine()}\n`);
console.log('OTP engine');
await benchOtp();
console.log('\nScenario runner (wall time, Chromium and gateways included)');
await benchScenarios('enroll');
