import type { PortalPage } from '../driver/portal.ts';
import { check, type ScenarioContext } from '../driver/scenario.ts';
import { ProvisionedToken } from './support.ts';

/** The business demo bank and its administrator (README, demo accounts). */
export const KODAMA_SERVICE_ID = '20200001';
export const ADMIN01 = { loginId: 'admin01', password: 'Passw0rd!', approvalPassword: 'shonin01' } as const;
export const GENERAL_PASSWORD = 'Passw0rd!';

/** A phone's business token app set up through `POST /m/app/enroll`. */
export function enrolPhone(ctx: ScenarioContext, label: string): Promise<ProvisionedToken> {
  return ctx.step(`${label} enrols (POST /m/app/enroll): a token bound to nobody`, () => ProvisionedToken.enrol(ctx, KODAMA_SERVICE_ID));
}

/** BBL001 → BBM001, or BBL002 when the user has a token. */
export async function bizLogin(pc: PortalPage, loginId: string, password: string): Promise<void> {
  await pc.goto('/biz/');
  await pc.expectScreen('BBL001');
  await pc.fill({ loginId, password });
  await pc.click('ログイン');
}

/** From BKN001 to the user's BOA002 through the list (BOA001, page 1 or 2). */
export async function openUser(pc: PortalPage, customerId: string): Promise<void> {
  await pc.goto('/biz/admin');
  await pc.expectScreen('BKN001');
  await pc.click('ワンタイムパスワード認証情報管理');
  await pc.expectScreen('BOA001');
  if (!(await pc.page.$(`input[name="customerId"][value="${customerId}"]`))) await pc.click('2');
  await pc.fill({ customerId });
  await pc.click('登録・登録解除 >');
  await pc.expectScreen('BOA002');
}

/** BOA004 → BOA005 with the new token's serial and a fresh code. */
export async function confirmNewToken(pc: PortalPage, token: ProvisionedToken): Promise<void> {
  await pc.expectScreen('BOA004');
  await pc.fill({ serial: token.serial, otp: token.nextCode(), approvalPassword: ADMIN01.approvalPassword });
  await pc.click('確定');
  await pc.expectScreen('BOA005');
  const done = await pc.text('[data-field="done"]');
  check(done === '利用形態とトークンを登録しました。登録されたトークンは現在より有効となります。', `BOA005 says ${done}`);
}

/** Fails if the page's source carries the serial (no PC page shows one). */
export async function expectNoSerial(pc: PortalPage, serial: string): Promise<void> {
  check(!(await pc.page.content()).includes(serial), 'a PC page carries the full serial');
}
