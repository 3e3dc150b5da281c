import type { Browser, Page } from 'puppeteer-core';
import type { Key } from '../../handset/runtime.ts';

export interface HandsetScreen {
  title: string;
  text: string;
  softkeys: [string, string];
  focused: string | null;
}

export interface HandsetState {
  device: string;
  carrier: string;
  userAgent: string;
  url: string;
  mail: string;
  apps: string[];
}

interface HandsetApi {
  press(key: string): void;
  type(text: string): void;
  screen(): HandsetScreen;
  state(): HandsetState;
  setClock(offsetMs: number): void;
  reset(): void;
}
type WithHandset = { handset: HandsetApi };

/** Page object over the emulator's `window.handset` (docs/contracts.md): what tests and scenarios drive. */
export class HandsetPage {
  private constructor(readonly page: Page) {}

  /** `browser` may be anything that opens a tab: a Browser, a BrowserContext, a scenario's tab opener. */
  static async open(browser: Pick<Browser, 'newPage'> | { newPage(): Promise<Page> }, gatewayUrl: string, options: { device: string; mail: string }): Promise<HandsetPage> {
    const page = await browser.newPage();
    const url = new URL('/emulator/', gatewayUrl);
    url.searchParams.set('device', options.device);
    url.searchParams.set('mail', options.mail);
    await page.goto(url.href);
    await page.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
    return new HandsetPage(page);
  }

  async press(...keys: Key[]): Promise<void> {
    for (const key of keys) await this.page.evaluate((pressed) => (window as unknown as WithHandset).handset.press(pressed), key);
  }

  async type(text: string): Promise<void> {
    await this.page.evaluate((value) => (window as unknown as WithHandset).handset.type(value), text);
  }

  screen(): Promise<HandsetScreen> {
    return this.page.evaluate(() => (window as unknown as WithHandset).handset.screen());
  }

  state(): Promise<HandsetState> {
    return this.page.evaluate(() => (window as unknown as WithHandset).handset.state());
  }

  async setClock(offsetMs: number): Promise<void> {
    await this.page.evaluate((offset) => (window as unknown as WithHandset).handset.setClock(offset), offsetMs);
  }

  async reset(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as WithHandset).handset.reset());
  }

  /** Waits until the screen's title or text contains `text`; the error shows the screen it saw. */
  async waitFor(text: string, timeoutMs = 10_000): Promise<HandsetScreen> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (screen.title.includes(text) || screen.text.includes(text)) return screen;
      if (Date.now() > deadline) throw new Error(`handset screen never showed "${text}"; last screen: ${JSON.stringify(screen)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Moves focus down until the focused item contains `label` (d-pad only, as a user would). */
  async focus(label: string, maxSteps = 40): Promise<void> {
    for (let step = 0; step < maxSteps; step++) {
      if ((await this.screen()).focused?.includes(label)) return;
      await this.press('down');
    }
    throw new Error(`could not focus "${label}"; screen: ${JSON.stringify(await this.screen())}`);
  }

  /** The code the token app shows (its `data-otp` element). */
  async readOtp(): Promise<string> {
    const element = await this.page.waitForSelector('[data-otp]', { timeout: 10_000 });
    return (await element!.evaluate((node) => node.getAttribute('data-otp')))!;
  }

  /** Drives the token app's 初期設定 by keys: fields by type(), agreement by select, 送信 by soft key. */
  async setUpToken(input: { serviceId: string; userId: string; startPassword: string }): Promise<string> {
    await this.waitFor('初期設定');
    await this.focus('サービスID');
    await this.type(input.serviceId);
    await this.press('down');
    await this.type(input.userId);
    await this.press('down');
    for (const digit of input.startPassword) await this.press(digit as Key);
    await this.focus('上記内容に同意する');
    await this.press('select');
    await this.press('soft2');
    return this.readOtp();
  }
}
