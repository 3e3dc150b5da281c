/** How many wrong passwords in a row lock a check, and for how long. */
export interface AttemptRule {
  maxFailures: number;
  lockMinutes: number;
}

export const LOGIN_RULE: AttemptRule = { maxFailures: 5, lockMinutes: 15 };
export const CONFIRM_PASSWORD_RULE: AttemptRule = { maxFailures: 5, lockMinutes: 30 };

export interface AttemptCounter {
  failures: number;
  lockedUntil?: string | undefined;
}

/** Epoch ms the lock ends, or null when the counter is not locked at `now`. */
export function lockedUntil(counter: AttemptCounter, now: number): number | null {
  const until = counter.lockedUntil ? Date.parse(counter.lockedUntil) : NaN;
  return until > now ? until : null;
}

/** The counter after one attempt: success clears it, the last allowed failure locks it. */
export function countAttempt(counter: AttemptCounter, ok: boolean, now: number, rule: AttemptRule): AttemptCounter {
  if (ok) return { failures: 0 };
  const expired = counter.lockedUntil !== undefined && lockedUntil(counter, now) === null;
  const failures = (expired ? 0 : counter.failures) + 1;
  if (failures < rule.maxFailures) return { failures };
  return { failures, lockedUntil: new Date(now + rule.lockMinutes * 60_000).toISOString() };
}
