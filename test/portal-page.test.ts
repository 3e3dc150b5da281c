import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../emulator/driver/browser.ts';
import { PortalPage } from '../emulator/driver/portal.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FORM = `<form>
  <input name="loginId" value="old" maxlength="8">
  <select name="accountType"><option>普通</option><option>当座</option></select>
  <input type="radio" name="otpLogin" value="する" checked><input type="radio" name="otpLogin" value="しない">
</form>`;

describe('PortalPage.fill', () => {
  it('replaces a text field’s value within its maxlength, picks a select option and a radio button', async () => {
    const page = await browser.newPage();
    await page.setContent(FORM);
    await new PortalPage(page, 'http://127.0.0.1/').fill({ loginId: 'ｔａｒｏ-1234567890', accountType: '当座', otpLogin: 'しない' });
    expect(await page.$eval('[name=loginId]', (el) => (el as HTMLInputElement).value)).toBe('ｔａｒｏ-123');
    expect(await page.$eval('[name=accountType]', (el) => (el as HTMLSelectElement).value)).toBe('当座');
    expect(await page.$eval('[name=otpLogin]:checked', (el) => (el as HTMLInputElement).value)).toBe('しない');
    await page.close();
  });

  it('waits for a field that is not on the page yet', async () => {
    const page = await browser.newPage();
    await page.setContent('<form id="f"></form>');
    await page.evaluate(() => setTimeout(() => (document.getElementById('f')!.innerHTML = '<input name="otp">'), 300));
    await new PortalPage(page, 'http://127.0.0.1/').fill({ otp: '12345678' });
    expect(await page.$eval('[name=otp]', (el) => (el as HTMLInputElement).value)).toBe('12345678');
    await page.close();
  });
});
