import { describeMachine } from './machine.ts';
import { benchOtp } from './otp.ts';

console.log(`ketai-token benchmarks on ${describeMachine()}\n`);
console.log('OTP engine');
await benchOtp();
