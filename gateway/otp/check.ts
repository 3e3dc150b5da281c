import { findStep, normalizeCode, stepAt } from './code.ts';
import type { OtpPolicy } from './policy.ts';
import type { Token } from '../store/schema.ts';

export type VerifyReason = 'ok' | 'wrong' | 'replayed' | 'locked' | 'expired' | 'revoked' | 'malformed' | 'unknown';

export interface VerifyOutcome {
  reason: VerifyReason;
  /** The accepted time step (ok). */
  step?: number;
  /** Epoch ms the lock ends (locked, or the wrong code that caused it). */
  lockedUntil?: number;
  /** Wrong codes left before the lock (wrong). */
  attemptsLeft?: number;
}

export type TokenCounters = Pick<Token, 'lastStep' | 'drift' | 'failures' | 'lockedUntil'>;
type TokenView = Pick<Token, 'status' | 'expiresAt' | 'algorithm' | 'digits' | 'period'> & TokenCounters;
type Rules = Pick<OtpPolicy, 'window' | 'maxDriftSteps' | 'maxFailures' | 'lockMinutes'>;

export interface CheckResult {
  outcome: VerifyOutcome;
  /** What to write back to the token; null when nothing changes. */
  changes: Partial<TokenCounters> | null;
}

/**
 * Decides one code against one token. Pure: the caller applies `changes` in the same tick
 * (no await in between) so that two submissions of one code cannot both pass.
 */
export function checkCode(token: TokenView, secretBase32: string, input: unknown, now: number, rules: Rules): CheckResult {
  const code = normalizeCode(input, token.digits);
  if (code === null) return { outcome: { reason: 'malformed' }, changes: null };
  if (token.status === 'revoked') return { outcome: { reason: 'revoked' }, changes: null };
  if (Date.parse(token.expiresAt) <= now) return { outcome: { reason: 'expired' }, changes: null };

  let failures = token.failures;
  let unlocked: Partial<TokenCounters> = {};
  if (token.lockedUntil !== null) {
    if (now < token.lockedUntil) return { outcome: { reason: 'locked', lockedUntil: token.lockedUntil }, changes: null };
    failures = 0;
    unlocked = { failures: 0, lockedUntil: null };
  }

  const expected = stepAt(now, token.period);
  const step = findStep(secretBase32, token, code, expected + token.drift, rules.window);
  if (step === null) {
    failures += 1;
    if (failures >= rules.maxFailures) {
      const lockedUntil = now + rules.lockMinutes * 60_000;
      return { outcome: { reason: 'wrong', lockedUntil, attemptsLeft: 0 }, changes: { failures, lockedUntil } };
    }
    return { outcome: { reason: 'wrong', attemptsLeft: rules.maxFailures - failures }, changes: { ...unlocked, failures } };
  }
  if (token.lastStep !== null && step <= token.lastStep) {
    return { outcome: { reason: 'replayed' }, changes: Object.keys(unlocked).length > 0 ? unlocked : null };
  }
  const drift = clamp(step - expected, rules.maxDriftSteps);
  return { outcome: { reason: 'ok', step }, changes: { lastStep: step, drift, failures: 0, lockedUntil: null } };
}

function clamp(value: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, value));
}
