import { check, defineScenario } from '../emulator/driver/scenario.ts';

/** A tester's own scenario (README, "Scenarios"): a transfer to a registered payee lowers the balance. */
export default defineScenario({
  name: 'balance-after-transfer',
  description: 'a transfer to a registered payee needs no OTP and lowers the balance by the amount',
  async run(ctx) {
    const { pc } = ctx;
    await ctx.step('taro logs in', async () => {
      await pc.login('taro', 'Passw0rd!');
      await pc.expectScreen('BTP001');
    });
    const before = await ctx.step('the transfer screen shows the balance', async () => {
      await pc.goto('/ib/transfer');
      await pc.expectScreen('BFK001');
      return yen(await pc.text('[data-field=balance]'));
    });
    await ctx.step('1,000 yen to the first registered payee', async () => {
      await pc.page.click('input[name="payeeId"]');
      await pc.fill({ amount: '1000' });
      await pc.click('次へ');
      await pc.confirmTransfer();
      await pc.expectScreen('BFK004');
    });
    await ctx.step('the balance is 1,000 yen lower', async () => {
      await pc.goto('/ib/transfer');
      const after = yen(await pc.text('[data-field=balance]'));
      ctx.log(`balance ${before} → ${after}`);
      check(after === before - 1000, `balance went from ${before} to ${after}`);
    });
  },
});

/** "1,234,567円" → 1234567 */
function yen(text: string): number {
  return Number(text.replace(/[^0-9]/g, ''));
}
