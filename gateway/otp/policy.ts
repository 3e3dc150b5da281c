export const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** A bank's token rules. The code parameters are copied onto each token when it is issued. */
export interface OtpPolicy {
  algorithm: Algorithm;
  digits: number;
  /** Seconds a code lasts. */
  period: number;
  /** Steps accepted either side of the expected one. */
  window: number;
  /**
   * How far (in steps) a handset's clock may drift and still have its codes accepted (the window
   * follows it); ahead of the server clock never more than MAX_AHEAD_MINUTES past the window.
   */
  maxDriftSteps: number;
  /** Wrong codes in a row that lock the token. */
  maxFailures: number;
  lockMinutes: number;
  /** 利用期限: years from issuance. */
  validityYears: number;
}

/**
 * How far a handset's or the server's clock may be off for a real code to be recognised as one:
 * refused as `clock_skew` (not counted toward the lock, nothing stored) rather than as wrong.
 */
export const CLOCK_SKEW_MINUTES = 15;

/**
 * How far past the window a handset may run ahead of the server clock and still be accepted (the
 * drift follows it). It bounds how long real codes are refused as replays after a clock is put right.
 */
export const MAX_AHEAD_MINUTES = 3;

/** What a handset needs to compute codes, fixed at issuance. */
export type CodeParameters = Pick<OtpPolicy, 'algorithm' | 'digits' | 'period'>;

export const PERSONAL_POLICY: OtpPolicy = {
  algorithm: 'SHA1',
  digits: 8,
  period: 60,
  window: 1,
  maxDriftSteps: 10,
  maxFailures: 10,
  lockMinutes: 30,
  validityYears: 5,
};

export const BUSINESS_POLICY: OtpPolicy = { ...PERSONAL_POLICY, digits: 6, period: 30, maxDriftSteps: 20 };

/** Throws a readable error when a policy from configuration or the data file cannot work. */
export function assertValidPolicy(policy: OtpPolicy): void {
  const problems: string[] = [];
  if (!ALGORITHMS.includes(policy.algorithm)) problems.push(`algorithm must be one of ${ALGORITHMS.join(', ')}`);
  if (!Number.isInteger(policy.digits) || policy.digits < 6 || policy.digits > 10) problems.push('digits must be 6 to 10');
  if (!Number.isInteger(policy.period) || policy.period < 10 || policy.period > 300) problems.push('period must be 10 to 300 seconds');
  if (!Number.isInteger(policy.window) || policy.window < 0 || policy.window > 10) problems.push('window must be 0 to 10 steps');
  if (!Number.isInteger(policy.maxDriftSteps) || policy.maxDriftSteps < 0) problems.push('maxDriftSteps must be 0 or more');
  if (!Number.isInteger(policy.maxFailures) || policy.maxFailures < 1) problems.push('maxFailures must be 1 or more');
  if (!(policy.lockMinutes > 0)) problems.push('lockMinutes must be more than 0');
  if (!(policy.validityYears > 0)) problems.push('validityYears must be more than 0');
  if (problems.length > 0) throw new Error(`invalid OTP policy: ${problems.join('; ')}`);
}
