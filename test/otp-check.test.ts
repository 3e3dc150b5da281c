import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCode, type TokenCounters } from '../gateway/otp/check.ts';
import { codeForStep, generateSecret, normalizeCode, stepAt } from '../gateway/otp/code.ts';
import { BUSINESS_POLICY, CLOCK_SKEW_MINUTES, MAX_AHEAD_MINUTES, PERSONAL_POLICY } from '../gateway/otp/policy.ts';
import type { Token } from '../gateway/store/schema.ts';
import { binaryString } from './helpers/arbitraries.ts';

const params = { algorithm: 'SHA1', digits: 8, period: 60 } as const;
const secret = generateSecret('SHA1');
const NOW = Date.UTC(2026, 10, 22, 3, 0, 30);
const STEP = stepAt(NOW, 60);
const rules = PERSONAL_POLICY;

function token(overrides: Partial<Token> = {}): Token {
  return {
    serial: 'KT0000000001', tenantId: 't', sealedSecret: '', ...params, status: 'active',
    issuedAt: new Date(NOW - 86_400_000).toISOString(), expiresAt: new Date(NOW + 86_400_000).toISOString(),
    lastStep: null, drift: 0, failures: 0, lockedUntil: null, ...overrides,
  };
}
const code = (step: number) => codeForStep(secret, params, step);
/** A code that no step within an hour of NOW produces. */
function wrongCode(): string {
  const near = new Set(Array.from({ length: 121 }, (_, i) => code(STEP - 60 + i)));
  for (let n = 0; ; n++) if (!near.has(String(n).padStart(8, '0'))) return String(n).padStart(8, '0');
}

describe('checkCode', () => {
  it('accepts the current code and records step and drift', () => {
    const { outcome, changes } = checkCode(token(), secret, code(STEP), NOW, rules);
    expect(outcome).toEqual({ reason: 'ok', step: STEP });
    expect(changes).toEqual({ lastStep: STEP, drift: 0, failures: 0, lockedUntil: null });
  });

  it('accepts codes one step either side (window 1) and records the drift', () => {
    expect(checkCode(token(), secret, code(STEP - 1), NOW, rules).changes?.drift).toBe(-1);
    expect(checkCode(token(), secret, code(STEP + 1), NOW, rules).changes?.drift).toBe(1);
  });

  it('refuses real codes just behind the window as clock_skew, without counting them', () => {
    expect(checkCode(token(), secret, code(STEP - 2), NOW, rules)).toEqual({ outcome: { reason: 'clock_skew' }, changes: null });
    expect(checkCode(token(), secret, wrongCode(), NOW, rules).outcome.reason).toBe('wrong');
  });

  it('honours the window edges at the step boundary', () => {
    const lastMsOfStep = (STEP + 1) * 60_000 - 1;
    expect(checkCode(token(), secret, code(STEP - 1), lastMsOfStep, rules).outcome.reason).toBe('ok');
    expect(checkCode(token(), secret, code(STEP - 1), lastMsOfStep + 1, rules).outcome.reason).toBe('clock_skew');
  });

  it('centres the window on the remembered drift of a handset running behind', () => {
    const drifted = token({ drift: -3 });
    expect(checkCode(drifted, secret, code(STEP - 4), NOW, rules).changes?.drift).toBe(-4);
    expect(checkCode(drifted, secret, code(STEP - 2), NOW, rules).outcome.reason).toBe('ok');
    expect(checkCode(drifted, secret, code(STEP - 6), NOW, rules).outcome.reason).toBe('clock_skew');
  });

  it('still accepts the server clock’s own window after the handset’s clock was put right', () => {
    const { outcome, changes } = checkCode(token({ drift: -10 }), secret, code(STEP), NOW, rules);
    expect(outcome).toEqual({ reason: 'ok', step: STEP });
    expect(changes?.drift).toBe(0);
  });

  it('refuses the same step again and any earlier step as a replay (RFC 6238 §5.2)', () => {
    const used = token({ lastStep: STEP });
    expect(checkCode(used, secret, code(STEP), NOW, rules)).toEqual({ outcome: { reason: 'replayed' }, changes: null });
    expect(checkCode(used, secret, code(STEP - 1), NOW, rules).outcome.reason).toBe('replayed');
    expect(checkCode(used, secret, code(STEP + 1), NOW, rules).outcome.reason).toBe('ok');
  });

  it('counts failures and locks at the maximum', () => {
    let state: Token = token();
    for (let i = 1; i < rules.maxFailures; i++) {
      const { outcome, changes } = checkCode(state, secret, wrongCode(), NOW, rules);
      expect(outcome).toEqual({ reason: 'wrong', attemptsLeft: rules.maxFailures - i });
      state = { ...state, ...changes };
    }
    const last = checkCode(state, secret, wrongCode(), NOW, rules);
    expect(last.outcome).toEqual({ reason: 'wrong', attemptsLeft: 0, lockedUntil: NOW + rules.lockMinutes * 60_000 });
    state = { ...state, ...last.changes };
    expect(checkCode(state, secret, code(STEP), NOW + 1000, rules).outcome.reason).toBe('locked');
  });

  it('lifts the lock when it has run out and starts counting afresh', () => {
    const locked = token({ failures: rules.maxFailures, lockedUntil: NOW - 1 });
    const wrong = checkCode(locked, secret, wrongCode(), NOW, rules);
    expect(wrong.outcome).toEqual({ reason: 'wrong', attemptsLeft: rules.maxFailures - 1 });
    expect(wrong.changes).toEqual({ failures: 1, lockedUntil: null });
    expect(checkCode(locked, secret, code(STEP), NOW, rules).outcome.reason).toBe('ok');
  });

  it('resets the failure count on success', () => {
    expect(checkCode(token({ failures: 7 }), secret, code(STEP), NOW, rules).changes?.failures).toBe(0);
  });

  it('reports revoked and expired tokens before looking at the code', () => {
    expect(checkCode(token({ status: 'revoked' }), secret, code(STEP), NOW, rules).outcome.reason).toBe('revoked');
    expect(checkCode(token({ expiresAt: new Date(NOW).toISOString() }), secret, code(STEP), NOW, rules).outcome.reason).toBe('expired');
  });

  it('takes full-width digits and spaces', () => {
    const fullWidth = code(STEP).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(checkCode(token(), secret, `${fullWidth.slice(0, 4)}　${fullWidth.slice(4)}`, NOW, rules).outcome.reason).toBe('ok');
    expect(checkCode(token(), secret, ` ${code(STEP)} `, NOW, rules).outcome.reason).toBe('ok');
  });

  it.each([['empty', ''], ['too short', '1234567'], ['too long', '123456789'], ['a letter', '1234567a'], ['Arabic-Indic digits', '١٢٣٤٥٦٧٨'], ['null', null], ['a number', 12345678], ['a huge string', '1'.repeat(10_000)]])(
    'calls %s malformed without counting a failure',
    (_label, input) => {
      expect(checkCode(token(), secret, input, NOW, rules)).toEqual({ outcome: { reason: 'malformed' }, changes: null });
    },
  );

  it('never throws, whatever the input and state', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), binaryString(), fc.anything()), fc.integer({ min: -5, max: 5 }), (input, drift) => {
        const counters: Partial<TokenCounters> = { drift };
        const { outcome } = checkCode(token(counters), secret, input, NOW, rules);
        expect(['ok', 'wrong', 'malformed', 'replayed', 'clock_skew']).toContain(outcome.reason);
      }),
    );
    fc.assert(fc.property(binaryString(), fc.integer({ min: 1, max: 12 }), (input, digits) => {
      const result = normalizeCode(input, digits);
      expect(result === null || /^[0-9]+$/.test(result)).toBe(true);
    }));
  });
});

describe('checkCode with a clock minutes off', () => {
  const TEN_MINUTES = 10 * 60_000;
  const business = { ...BUSINESS_POLICY };
  const businessParams = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

  it.each([['ahead of', TEN_MINUTES], ['behind', -TEN_MINUTES]])('never locks the token when the server clock is 10 minutes %s the handset’s', (_label, offset) => {
    for (const [policy, codeParams] of [[rules, params], [business, businessParams]] as const) {
      let state: Token = token(codeParams);
      const realStep = stepAt(NOW, codeParams.period);
      for (let i = 0; i < policy.maxFailures * 2; i++) {
        const realCode = codeForStep(secret, codeParams, realStep + Math.floor(i / 4));
        const { outcome, changes } = checkCode(state, secret, realCode, NOW + offset, policy);
        expect(outcome, `code ${i}, period ${codeParams.period}`).toEqual({ reason: 'clock_skew' });
        expect(changes).toBeNull();
        state = { ...state, ...changes };
      }
      // Once the server clock is right again, the next real code works at once.
      expect(checkCode(state, secret, codeForStep(secret, codeParams, realStep + 5), NOW + 5 * codeParams.period * 1000, policy).outcome.reason).toBe('ok');
    }
  });

  it('never stores a step far ahead of the server clock, so real codes work again once the clocks agree', () => {
    const ahead = MAX_AHEAD_MINUTES; // in 60-second steps
    // A handset up to MAX_AHEAD_MINUTES past the window is followed; further ahead is refused, nothing stored.
    expect(checkCode(token({ drift: ahead }), secret, code(STEP + 1 + ahead), NOW, rules).outcome.reason).toBe('ok');
    expect(checkCode(token({ drift: ahead + 1 }), secret, code(STEP + 2 + ahead), NOW, rules)).toEqual({ outcome: { reason: 'clock_skew' }, changes: null });
    expect(checkCode(token(), secret, code(STEP + 10), NOW, rules)).toEqual({ outcome: { reason: 'clock_skew' }, changes: null });
    // A handset whose clock crept 10 minutes ahead, its drift learnt step by step, then put right:
    let state: Token = token();
    for (let i = 0; i <= 10; i++) state = { ...state, ...checkCode(state, secret, code(STEP + i), NOW, rules).changes };
    expect(state.lastStep).toBe(STEP + 1 + ahead);
    const afterFix = NOW + (2 + ahead) * 60_000;
    expect(checkCode(state, secret, code(stepAt(afterFix, 60)), afterFix, rules).outcome.reason).toBe('ok');
  });

  it('calls a stored step past the clock clock_skew, not a replay, after the server clock went back', () => {
    const { outcome, changes } = checkCode(token({ lastStep: STEP + 10, drift: 0 }), secret, code(STEP), NOW, rules);
    expect(outcome).toEqual({ reason: 'clock_skew' });
    expect(changes).toBeNull();
    expect(checkCode(token({ lastStep: STEP + 1 }), secret, code(STEP), NOW, rules).outcome.reason).toBe('replayed');
  });

  it('still calls a used code a replay when it comes back minutes later, and does not count it', () => {
    expect(checkCode(token({ lastStep: STEP - 5 }), secret, code(STEP - 5), NOW, rules)).toEqual({ outcome: { reason: 'replayed' }, changes: null });
    expect(checkCode(token({ lastStep: STEP - 5 }), secret, code(STEP - 4), NOW, rules).outcome.reason).toBe('clock_skew');
  });

  it('counts a code no step within CLOCK_SKEW_MINUTES produces as wrong', () => {
    const far = CLOCK_SKEW_MINUTES + 1; // 60-second steps
    expect(checkCode(token(), secret, code(STEP - far), NOW, rules).outcome).toEqual({ reason: 'wrong', attemptsLeft: rules.maxFailures - 1 });
    expect(checkCode(token(), secret, code(STEP + far), NOW, rules).outcome.reason).toBe('wrong');
    expect(checkCode(token(), secret, code(STEP - far + 1), NOW, rules).outcome.reason).toBe('clock_skew');
  });
});
