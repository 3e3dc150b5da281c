import type { Page } from 'puppeteer-core';
import type { ScenarioContext } from '../driver/scenario.ts';

/**
 * User agents of the emulator's device catalogue (same ids), plus one i-mode handset without
 * i-appli. Until the emulator page is mounted, a handset is a Chromium tab sending its User-Agent.
 */
export const HANDSET_AGENTS: Record<string, string> = {
  'docomo-p07a': 'DoCoMo/2.0 P07A(c500;TB;W24H15)',
  'au-w31ca': 'KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0',
  'softbank-910t': 'SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1',
  'featurephone-sh01j': 'Mozilla/5.0 (Linux; Android 5.1; SH-01J Build/S8133) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/39.0.0.0 Mobile Safari/537.36',
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

/** Visible text of a handset page (decoded from Shift_JIS by the browser). */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body?.innerText ?? '');
}
