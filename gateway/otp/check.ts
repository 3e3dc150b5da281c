import { findStep, normalizeCode, stepAt } from './code.ts';
import { CLOCK_SKEW_MINUTES, MAX_AHEAD_MINUTES, type OtpPolicy } from './policy.ts';
import type { Token } from '../store/schema.ts';

export type VerifyReason = 'ok' | 'wrong' | 'replayed' | 'clock_skew' | 'locked' | 'expired' | 'revoked' | 'malformed' | 'unknown';

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

  const clock = stepAt(now, token.period);
  const match = (centre: number, window: number) => findStep(secretBase32, token, code, centre, window);
  // The remembered drift's window first; then the server clock's own, so a handset whose clock was
  // put right is not refused until the drift unlearns.
  const step = match(clock + token.drift, rules.window) ?? (token.drift === 0 ? null : match(clock, rules.window));
  // Failing that, a real code from a clock minutes off (handset or server): refused, never counted.
  const found = step ?? match(clock, steps(CLOCK_SKEW_MINUTES, token.period));
  if (found === null) {
    failures += 1;
    if (failures >= rules.maxFailures) {
      const lockedUntil = now + rules.lockMinutes * 60_000;
      return { outcome: { reason: 'wrong', lockedUntil, attemptsLeft: 0 }, changes: { failures, lockedUntil } };
    }
    return { outcome: { reason: 'wrong', attemptsLeft: rules.maxFailures - failures }, changes: { ...unlocked, failures } };
  }
  // Never a step far ahead of the server clock: stored, it would refuse every real code as a
  // replay once the clocks agree again.
  const latest = clock + rules.window + steps(MAX_AHEAD_MINUTES, token.period);
  const unchanged = Object.keys(unlocked).length > 0 ? unlocked : null;
  if (token.lastStep !== null && found <= token.lastStep) {
    // A lastStep past what the clock accepts now: the server clock went back since.
    return { outcome: { reason: token.lastStep > latest ? 'clock_skew' : 'replayed' }, changes: unchanged };
  }
  if (step === null || step > latest) return { outcome: { reason: 'clock_skew' }, changes: unchanged };
  const drift = clamp(step - clock, rules.maxDriftSteps);
  return { outcome: { reason: 'ok', step }, changes: { lastStep: step, drift, failures: 0, lockedUntil: null } };
}

function steps(minutes: number, period: number): number {
  return Math.ceil((minutes * 60) / period);
}

function clamp(value: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, value));
}
