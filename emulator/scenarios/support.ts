import { codeForStep, stepAt } from '../../gateway/otp/code.ts';
import { check, type ScenarioContext } from '../driver/scenario.ts';

/** The demo customers (docs/contracts.md). */
export const TARO = { loginId: 'taro', password: 'Passw0rd!', confirmPassword: 'kakunin1' } as const;
export const HANAKO = { loginId: 'hanako', password: 'Passw0rd!', confirmPassword: 'kakunin2' } as const;
export type Customer = typeof TARO | typeof HANAKO;

/**
 * A token set up through `POST /m/app/provision` (the token app's 初期設定, docs/contracts.md), for
 * scenarios about the bank side. Each code comes from a later time step than the one before,
 * like a handset whose clock runs a little fast, so no scenario has to wait for the next period.
 */
export class ProvisionedToken {
  private stepsAhead = 0;

  private constructor(
    private readonly ctx: ScenarioContext,
    readonly fields: Record<string, string>,
  ) {}

  static async provision(ctx: ScenarioContext, ids: { serviceId: string; userId: string }, startPassword: string): Promise<ProvisionedToken> {
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

  /** A fresh code, never one used before. */
  nextCode(): string {
    const period = Number(this.fields.period);
    const params = { algorithm: this.fields.algorithm as 'SHA1', digits: Number(this.fields.digits), period };
    return codeForStep(this.fields.secret!, params, stepAt(this.ctx.now(), period) + this.stepsAhead++);
  }
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
  const token = await ctx.step('the token app’s 初期設定 (POST /m/app/provision)', () => ProvisionedToken.provision(ctx, ids, '2468'));
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
