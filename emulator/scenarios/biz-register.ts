import { check, defineScenario } from '../driver/scenario.ts';
import { ADMIN01, bizLogin, expectNoSerial, GENERAL_PASSWORD, KODAMA_SERVICE_ID, openUser } from './biz-support.ts';

const MAIL = 'w0005.biz@docomo.ne.jp';

/**
 * Seed 004 on an emulated phone: the business app from `/m/biz/<サービスID>` (opened from the address bar)
 * enrols itself; admin01 registers its serial and code for W0005, who then logs in with its code.
 * Then admin01 turns the login OTP off (BOA010) and W0005 logs in with the password alone.
 */
export default defineScenario({
  name: 'biz-register',
  description: 'a phone opens /m/biz/20200001 from the emulator’s address bar, installs the business app and enrols (POST /m/app/enroll); admin01 registers its serial for W0005 (BOA001 → BOA002 → BOA004 → BOA005); W0005 logs in with the phone’s code (BBL002); a replayed code is refused; admin01 sets ログイン時のワンタイムパスワード認証 しない (BOA001 → BOA010 → BOA011) and W0005 logs in without a code',
  async run(ctx) {
    const { pc } = ctx;
    const handset = await ctx.step('the emulator (docomo-p07a) is switched on', () => ctx.handset('docomo-p07a', MAIL));
    await ctx.step('the address bar opens /m/biz/20200001: the business bank’s download page', async () => {
      await handset.open(`/m/biz/${KODAMA_SERVICE_ID}`);
      await handset.waitFor('ダウンロード');
      check((await handset.state()).url.includes(`/m/biz/${KODAMA_SERVICE_ID}`), 'the handset is not on the business download page');
    });
    await ctx.step('the app installs; 初期設定 is only the agreement; 送信 shows シリアル番号 and a code', async () => {
      await handset.press('1');
      await handset.waitFor('ダウンロードしますか');
      await handset.press('1'); // はい
      await handset.waitFor('ダウンロードが完了しました');
      await handset.press('1'); // 起動する
      const setup = await handset.waitFor('初期設定');
      check(!setup.text.includes('ユーザID'), 'the business 初期設定 asks for a ユーザID');
      await handset.focus('上記内容に同意する');
      await handset.press('select');
      await handset.press('soft2');
      await handset.waitFor('シリアル番号');
    });
    const phone = await ctx.step('the phone shows its serial and code', async () => {
      const screen = await handset.screen();
      const serial = /シリアル番号: (KT[0-9A-Z]{10})/.exec(screen.text)?.[1];
      check(serial !== undefined, `no serial on the token screen: ${screen.text}`);
      return { serial: serial!, code: await handset.readOtp() };
    });
    await ctx.step('admin01 registers it for W0005 (BOA001 → BOA002 → BOA004 → BOA005)', async () => {
      await bizLogin(pc, ADMIN01.loginId, ADMIN01.password);
      await pc.expectScreen('BBM001');
      await pc.goto('/biz/admin/otp');
      const count = await pc.text('[data-field="count"]');
      check(count === '1から10件/12件', `BOA001 shows ${count}`);
      await openUser(pc, 'W0005');
      check((await pc.text('[data-field="status"]')) === '未登録', 'BOA002 does not show 未登録');
      await pc.click('登録 ▶');
      await pc.expectScreen('BOA004');
      await pc.fill({ serial: phone.serial, otp: phone.code, approvalPassword: ADMIN01.approvalPassword });
      await pc.click('確定');
      await pc.expectScreen('BOA005');
      await expectNoSerial(pc, phone.serial);
      await pc.click('ログアウト');
    });
    await ctx.step('W0005 is asked for the code (BBL002); the phone’s clock moves to its next period (次の周期へ) and key 1 shows a fresh code, which works', async () => {
      await bizLogin(pc, 'W0005', GENERAL_PASSWORD);
      await pc.expectScreen('BBL002');
      // The code BOA004 accepted is the newest step the gateway knows; the phone's next period gives the
      // next step at once (one period ahead of the gateway's clock at most: inside its window).
      await handset.nextPeriod();
      await handset.press('1');
      const code = await handset.readOtp();
      check(code !== phone.code, 'key 1 showed the same code after the clock moved to the next period');
      await pc.fill({ otp: code });
      await pc.click('ログイン');
      await pc.expectScreen('BBM001');
      await pc.click('ログアウト');
      await bizLogin(pc, 'W0005', GENERAL_PASSWORD);
      await pc.fill({ otp: code });
      await pc.click('ログイン');
      await pc.expectScreen('BBL002');
      const errors = await pc.errors();
      check(errors.some((error) => error.includes('同じパスワードは連続して使用できません')), `a replayed code got: ${errors.join(' / ')}`);
      await pc.click('ログインを中止する');
    });
    await ctx.step('admin01 sets ログイン時のワンタイムパスワード認証 しない (BOA001 → 利用形態設定 > → BOA010 → BOA011)', async () => {
      await bizLogin(pc, ADMIN01.loginId, ADMIN01.password);
      await pc.expectScreen('BBM001');
      await pc.goto('/biz/admin/otp');
      await pc.click('利用形態設定 >');
      await pc.expectScreen('BOA010');
      await pc.fill({ tokenMode: 'individual', loginOtp: 'off', approvalPassword: ADMIN01.approvalPassword });
      await pc.click('確定');
      await pc.expectScreen('BOA011');
      check((await pc.text('[data-field="loginOtp"]')) === 'しない', 'BOA011 does not show しない');
      await pc.click('ログアウト');
    });
    await ctx.step('W0005 logs in with the password alone: BBL001 → メイン, no BBL002', async () => {
      await bizLogin(pc, 'W0005', GENERAL_PASSWORD);
      await pc.expectScreen('BBM001');
    });
  },
});
