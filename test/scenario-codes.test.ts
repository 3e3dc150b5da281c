import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioContext } from '../emulator/driver/scenario.ts';
import { ProvisionedToken } from '../emulator/scenarios/support.ts';
import { checkCode, type TokenCounters } from '../gateway/otp/check.ts';
import { codeForStep, generateSecret } from '../gateway/otp/code.ts';
import { PERSONAL_POLICY } from '../gateway/otp/policy.ts';

const START = Date.UTC(2026, 10, 22, 3, 0, 0);
const PERIOD_MS = PERSONAL_POLICY.period * 1000;

afterEach(() => vi.unstubAllGlobals());

/** A provisioned token whose codes the real check (`checkCode`, the gateway's rules) decides. */
async function tokenOnClock(clock: { now: number }) {
  const secret = generateSecret('SHA1');
  const answer = `serial=KT0000000001\nsecret=${secret}\nalgorithm=SHA1\ndigits=8\nperiod=${PERSONAL_POLICY.period}\n`;
  vi.stubGlobal('fetch', async () => new Response(answer));
  const ctx = { baseUrl: 'http://gateway.test', now: () => clock.now } as unknown as ScenarioContext;
  const token = await ProvisionedToken.provision(ctx, { serviceId: '10100001', userId: '999800000001', binding: 'T'.repeat(32) }, '2468');
  const view = { status: 'active' as const, expiresAt: '2031-01-01T00:00:00.000Z', algorithm: 'SHA1' as const, digits: 8, period: PERSONAL_POLICY.period };
  let counters: TokenCounters = { lastStep: null, drift: 0, failures: 0, lockedUntil: null };
  const submit = (code: string, at: number) => {
    const { outcome, changes } = checkCode({ ...view, ...counters }, secret, code, at, PERSONAL_POLICY);
    if (changes) counters = { ...counters, ...changes };
    return outcome.reason;
  };
  /** How the gateway would take the code of the first step after the last one it accepted (nothing stored). */
  const firstUnusedStep = (at: number) => checkCode({ ...view, ...counters }, secret, codeForStep(secret, view, (counters.lastStep ?? -1) + 1), at, PERSONAL_POLICY).outcome.reason;
  return { token, submit, firstUnusedStep };
}

describe('scenario codes (ProvisionedToken.nextCode)', () => {
  it('are accepted whenever the gateway checks them within a period of computing them, however the steps fall', async () => {
    // Each code: a pause before it is computed, then the time until the gateway checks it (typing and
    // submitting under load), which may cross one period boundary.
    const schedule = fc.array(fc.record({ pause: fc.integer({ min: 0, max: 3 * PERIOD_MS }), delay: fc.integer({ min: 0, max: PERIOD_MS - 1 }) }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: PERIOD_MS - 1 }), schedule, async (offset, codes) => {
        const clock = { now: START + offset };
        const { token, submit, firstUnusedStep } = await tokenOnClock(clock);
        for (const { pause, delay } of codes) {
          clock.now += pause;
          let code: string;
          try {
            code = token.nextCode();
          } catch (error) {
            // Refused up front only when the gateway itself would take no fresh code now (several codes in one period).
            expect(String(error)).toMatch(/no fresh code the gateway would accept before the next 60-second period/);
            expect(firstUnusedStep(clock.now)).toBe('clock_skew');
            return;
          }
          clock.now += delay;
          expect(submit(code, clock.now)).toBe('ok');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('six codes in one period: five accepted, the sixth refused up front, the next period’s accepted', async () => {
    const clock = { now: START };
    const { token, submit } = await tokenOnClock(clock);
    for (let i = 0; i < 5; i++) expect(submit(token.nextCode(), clock.now)).toBe('ok');
    expect(() => token.nextCode()).toThrow(/no fresh code the gateway would accept before the next 60-second period: the codes so far are 4 steps ahead of its clock/);
    clock.now += PERIOD_MS;
    expect(submit(token.nextCode(), clock.now)).toBe('ok');
  });

  it('the case that failed transfer-new-payee: activation checked just after a step boundary, then two codes', async () => {
    const clock = { now: START + PERIOD_MS - 1000 };
    const { token, submit } = await tokenOnClock(clock);
    const first = token.nextCode();
    clock.now += 2000; // checked in the next step
    expect(submit(first, clock.now)).toBe('ok');
    for (const _ of [1, 2]) {
      const code = token.nextCode();
      clock.now += 1500;
      expect(submit(code, clock.now)).toBe('ok');
    }
  });
});
