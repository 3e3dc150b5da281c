import type { Scenario } from '../driver/scenario.ts';
import bizExchange from './biz-exchange.ts';
import bizRegister from './biz-register.ts';
import bizUnregister from './biz-unregister.ts';
import changeHandset from './change-handset.ts';
import enroll from './enroll.ts';
import expiredLink from './expired-link.ts';
import lockout from './lockout.ts';
import loginOtp from './login-otp.ts';
import releaseAndReissue from './release-and-reissue.ts';
import replayRejected from './replay-rejected.ts';
import transferNewPayee from './transfer-new-payee.ts';
import unsupportedHandset from './unsupported-handset.ts';
import webToken from './web-token.ts';

/** The built-in scenarios, in the order `all` runs them. */
export const BUILT_IN: Scenario[] = [enroll, loginOtp, transferNewPayee, replayRejected, lockout, releaseAndReissue, changeHandset, expiredLink, unsupportedHandset, webToken, bizRegister, bizExchange, bizUnregister];
