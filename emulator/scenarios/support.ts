import { codeForStep, stepAt } from '../../gateway/otp/code.ts';
import { MAX_AHEAD_MINUTES, PERSONAL_POLICY } from '../../gateway/otp/policy.ts';
import { IDLE_MS } from '../../gateway/portal/session.ts';
import { nextJstMidnight } from '../../gateway/time.ts';
import { check, type ScenarioContext } from '../driver/scenario.ts';
import { mailedTicket } from './handsets.ts';

/** The demo customers (docs/contracts.md). */
export const TARO = { loginId: 'taro', password: 'Passw0rd!', confirmPassword: 'kakunin1' } as const;
export const HANAKO = { loginId: 'hanako', password: 'Passw0rd!', confirmPassword: 'kakunin2' } as const;
export type Customer = typeof TARO | typeof HANAKO;

/** Steps the gateway accepts either side of the one it expects (the demo banks' policies). */
const WINDOW = PERSONAL_POLICY.window;

/**
 * A token set up through `POST /m/app/provision` (the token app's 初期設定, README "Provisioning"), for
 * scenarios about the bank side. Each code is for a later time step than the one before (never a
 * replay) and is accepted whether the gateway checks it in the step it was computed in or in the
 * next: under load a step's typing and submitting can cross a period boundary. For that it follows
 * the gateway's window, which the gateway centres on its current step plus the drift of the last
 * accepted code (`gateway/otp/check.ts`), and the drift depends on the step it was checked in.
 */
export class ProvisionedToken {
  private lastStep = -Infinity;
  /** The gateway's possible drifts, each with the step the last code was checked in for it to hold. */
  private drifts: { checkedIn: number; drift: number }[] = [{ checkedIn: -Infinity, drift: 0 }];

  private constructor(
    private readonly ctx: ScenarioContext,
    readonly fields: Record<string, string>,
  ) {}

  static async provision(ctx: ScenarioContext, ids: { serviceId: string; userId: string; binding: string }, startPassword: string): Promise<ProvisionedToken> {
    const response = await fetch(`${ctx.baseUrl}/m/app/provision`, { method: 'POST', body: new URLSearchParams({ ...ids, startPassword }) });
    const fields = parseLines(await response.text());
    check(response.status === 200, `provisioning answered ${response.status}: ${fields.error} ${fields.message}`);
    return new ProvisionedToken(ctx, fields);
  }

  /** The business token app's 初期設定 (`POST /m/app/enroll`): a token bound to nobody yet. */
  static async enrol(ctx: ScenarioContext, serviceId: string): Promise<ProvisionedToken> {
    const response = await fetch(`${ctx.baseUrl}/m/app/enroll`, { method: 'POST', body: new URLSearchParams({ serviceId }) });
    const fields = parseLines(await response.text());
    check(response.status === 200, `enrolment answered ${response.status}: ${fields.error} ${fields.message}`);
    return new ProvisionedToken(ctx, fields);
  }

  get serial(): string {
    return this.fields.serial!;
  }

  /**
   * A fresh code, never one used before; the caller submits it (the gateway accepts it). Throws when
   * every fresh code is further ahead of the clock than the gateway takes (several codes in one
   * period, as no handset makes them): the scenario must wait for the next period.
   */
  nextCode(): string {
    const period = Number(this.fields.period);
    const params = { algorithm: this.fields.algorithm as 'SHA1', digits: Number(this.fields.digits), period };
    const now = stepAt(this.ctx.now(), period);
    // The last code was checked by now, so not in a later step than this one.
    const drifts = this.drifts.filter((entry) => entry.checkedIn <= now).map((entry) => entry.drift);
    // The earliest step inside the window for every possible drift, checked now or in the next step.
    // It never passes the windows' upper end (`now + min(drift) + WINDOW`): the last code's step is at
    // most `now + drift`, and the possible drifts differ by one step at most.
    const step = Math.max(now + 1 + Math.max(...drifts) - WINDOW, this.lastStep + 1);
    // The gateway's limit ahead of its clock (`latest` in gateway/otp/check.ts), for a check now.
    if (step > now + WINDOW + Math.ceil((MAX_AHEAD_MINUTES * 60) / period)) {
      throw new Error(`no fresh code the gateway would accept before the next ${period}-second period: the codes so far are ${step - now - 1} steps ahead of its clock`);
    }
    this.lastStep = step;
    this.drifts = [now, now + 1].map((checkedIn) => ({ checkedIn, drift: step - checkedIn }));
    return codeForStep(this.fields.secret!, params, step);
  }
}

/**
 * How far `ctx.advanceClock` must move the gateway's clock for the next day in Japan with the PC session
 * over: a minute past the next midnight, but never less than a session's idle time and a minute (in the
 * last minutes before midnight the next day is nearer than that, and the session would survive).
 */
export function untilNextJstDay(now: number): number {
  return Math.max(nextJstMidnight(now) + 60_000 - now, IDLE_MS + 60_000);
}

/** `key=value` lines, the provisioning answer's format. */
export function parseLines(body: string): Record<string, string> {
  return Object.fromEntries(
    body
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** Logs in, issues a token for `mail`, sets it up over the provisioning API and activates it: status 利用中. */
export async function enrollWithoutHandset(ctx: ScenarioContext, customer: Customer, mail: string): Promise<ProvisionedToken> {
  const { pc } = ctx;
  await ctx.step(`${customer.loginId} logs in (BLI001 → BTP001)`, async () => {
    await pc.login(customer.loginId, customer.password);
    await pc.expectScreen('BTP001');
  });
  const ids = await ctx.step('トークン発行 (BOT001 → BOT003 → BOT002)', () => pc.issueToken({ mail, startPassword: '2468', confirmPassword: customer.confirmPassword }));
  const token = await ctx.step('the token app’s 初期設定 (POST /m/app/provision)', async () => ProvisionedToken.provision(ctx, { ...ids, binding: await mailedTicket(ctx, mail) }, '2468'));
  await ctx.step('利用開始 with the first code (BOK001 → BOK002)', async () => {
    await pc.activate(token.nextCode());
    await pc.expectScreen('BOK002');
    check((await pc.otpStatus()) === '利用中', 'BOP001 does not show 利用中 after activation');
  });
  return token;
}

/** Logs out and back in up to the OTP question (BLI002). */
export async function loginUntilOtp(ctx: ScenarioContext, customer: Customer): Promise<void> {
  await ctx.step('logs out and in again: the OTP is asked (BLI002)', async () => {
    await ctx.pc.logout();
    await ctx.pc.login(customer.loginId, customer.password);
    await ctx.pc.expectScreen('BLI002');
  });
}

/** Fails unless one of the page's error messages contains `text`. */
export async function expectError(ctx: ScenarioContext, text: string): Promise<void> {
  const errors = await ctx.pc.errors();
  check(errors.some((error) => error.includes(text)), `expected an error containing "${text}", got: ${errors.join(' / ') || 'none'}`);
}
