import type { Page } from 'puppeteer-core';
import type { HandsetPage } from '../driver/handset.ts';
import { check, type ScenarioContext } from '../driver/scenario.ts';

/**
 * User agents for checks of the handset pages themselves in a plain browser tab: catalogue devices
 * (same ids and user agents as in the emulator), one with i-appli and one without.
 */
export const HANDSET_AGENTS: Record<string, string> = {
  'docomo-p07a': 'DoCoMo/2.0 P07A3(c500;TB;W24H15)',
  'docomo-d501i': 'DoCoMo/1.0/D501i',
};

/** A tab that browses as handset `deviceId`, labelled with the id in the report. */
export async function openHandsetBrowser(ctx: ScenarioContext, deviceId: string): Promise<Page> {
  const userAgent = HANDSET_AGENTS[deviceId];
  if (!userAgent) throw new Error(`unknown device "${deviceId}"; known: ${Object.keys(HANDSET_AGENTS).join(', ')}`);
  const page = await ctx.openTab(deviceId, { userAgent });
  await page.setViewport({ width: 240, height: 320 });
  return page;
}

/** The download link from the newest mail to `address`. */
export async function mailedLink(ctx: ScenarioContext, address: string): Promise<string> {
  const mail = (await ctx.mailbox(address)).at(-1);
  const link = mail?.body.match(/https?:\/\/\S+\/m\/dl\/\S+/)?.[0];
  if (!link) throw new Error(`no mail with a download link for ${address}`);
  return link;
}

/** The binding a phone receives with the mailed link (its ticket), as the token app sends it at 初期設定. */
export async function mailedTicket(ctx: ScenarioContext, address: string): Promise<string> {
  return (await mailedLink(ctx, address)).split('/').at(-1)!;
}

/** Visible text of a handset page (decoded from Shift_JIS by the browser). */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body?.innerText ?? '');
}

/**
 * On an emulated handset already open: the newest mail → its link (the carrier's download page) →
 * download and install → launch → 初期設定 by keys. Returns the first code the app shows.
 */
export async function installTokenApp(ctx: ScenarioContext, handset: HandsetPage, ids: { serviceId: string; userId: string }, startPassword: string): Promise<string> {
  await ctx.step('the handset receives the mail', async () => {
    await handset.press('1'); // メール
    await handset.waitFor('受信メール');
  });
  await ctx.step('the handset opens the mailed link: its carrier’s download page', async () => {
    await handset.press('1', 'select'); // the newest mail, its first link
    await handset.waitFor('ダウンロード');
    check(/\/m\/dl\//.test((await handset.state()).url), 'the handset is not on the download page');
  });
  await ctx.step('the token app downloads and installs', async () => {
    await handset.press('1'); // accesskey 1: the app download
    await handset.waitFor('ダウンロードしますか');
    await handset.press('1'); // はい
    await handset.waitFor('ダウンロードが完了しました');
  });
  return ctx.step('初期設定 in the token app shows a code', async () => {
    await handset.press('1'); // 起動する
    return handset.setUpToken({ ...ids, startPassword });
  });
}
