import type { Page } from 'puppeteer-core';
import type { ScenarioContext } from '../driver/scenario.ts';

/**
 * User agents for checks of the handset pages themselves: a catalogue device (same id as in the
 * emulator) and an i-mode handset without i-appli, which the catalogue does not hold.
 */
export const HANDSET_AGENTS: Record<string, string> = {
  'docomo-p07a': 'DoCoMo/2.0 P07A(c500;TB;W24H15)',
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
