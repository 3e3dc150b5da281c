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
  /** What `setClock` set: the handset's clock runs this many ms ahead of the real one. */
  clockOffset: number;
}

/** One entry of the emulator's request inspector. */
export interface InspectedRequest {
  method: string;
  url: string;
  status: number | null;
  /** Why the proxy refused the request (a host not in EMULATOR_ORIGINS, …). */
  error: string | null;
  sent: Record<string, string>;
  received: Record<string, string>;
  charset: string | null;
  bytes: number | null;
  budget: number;
  warnings: string[];
}

interface HandsetApi {
  press(key: string): void;
  type(text: string): void;
  screen(): HandsetScreen;
  state(): HandsetState;
  setClock(offsetMs: number): void;
  reset(): void;
  otp(): string | null;
  open(url: string): void;
  home(): void;
  requests(): InspectedRequest[];
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

  /**
   * The clock panel's 次の周期へ: the handset's time moves to the start of the installed token's next
   * period, so its next code is for a later time step, without waiting for it in real time.
   */
  async nextPeriod(): Promise<void> {
    await this.page.$eval('[data-action=next-period]', (button) => (button as HTMLButtonElement).click());
  }

  async reset(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as WithHandset).handset.reset());
  }

  /** Waits until the screen's title or text contains `text`; the error shows the screen it saw. */
  async waitFor(text: string, timeoutMs = 10_000): Promise<HandsetScreen> {
    const seen = await this.untilShown({ text }, timeoutMs);
    if (seen.matched) return seen.screen;
    throw new Error(`handset screen never showed "${text}"; last screen: ${JSON.stringify(seen.screen)}`);
  }

  /**
   * Checks the screen in the page, again at each change of the page (a MutationObserver: no polling
   * from here, no sleeps), until it shows `want.text` or, without it, a code; or `timeoutMs` passed.
   * Only inline callbacks in the page function: tsx would wrap named ones in a helper the page lacks.
   */
  private untilShown(want: { text?: string }, timeoutMs: number): Promise<{ matched: boolean; screen: HandsetScreen; code: string | null }> {
    return this.page.evaluate(
      async (wanted: { text?: string }, ms: number) => {
        const { handset } = window as unknown as WithHandset;
        const deadline = performance.now() + ms;
        for (;;) {
          // screen() and otp() redraw the token app from its clock, before the observer below starts.
          const screen = handset.screen();
          const code = wanted.text === undefined ? handset.otp() : null;
          const matched = wanted.text === undefined ? code !== null : screen.title.includes(wanted.text) || screen.text.includes(wanted.text);
          const left = deadline - performance.now();
          if (matched || left <= 0) return { matched, screen, code };
          await new Promise<void>((resolve) => {
            const observer = new MutationObserver(() => {
              observer.disconnect();
              clearTimeout(timer);
              resolve();
            });
            const timer = setTimeout(() => {
              observer.disconnect();
              resolve();
            }, left);
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          });
        }
      },
      want,
      timeoutMs,
    );
  }

  /** Moves focus down until the focused item contains `label` (d-pad only, as a user would). */
  async focus(label: string, maxSteps = 40): Promise<void> {
    for (let step = 0; step < maxSteps; step++) {
      if ((await this.screen()).focused?.includes(label)) return;
      await this.press('down');
    }
    throw new Error(`could not focus "${label}"; screen: ${JSON.stringify(await this.screen())}`);
  }

  /** Opens `url` (a gateway path or an EMULATOR_ORIGINS URL) in the mini browser, as the address bar does. */
  async open(url: string): Promise<void> {
    await this.page.evaluate((target) => (window as unknown as WithHandset).handset.open(target), url);
  }

  /** 終話: back to the menu. */
  async home(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as WithHandset).handset.home());
  }

  /** The request inspector's entries, oldest first. */
  requests(): Promise<InspectedRequest[]> {
    return this.page.evaluate(() => (window as unknown as WithHandset).handset.requests());
  }

  /** The code the token app shows, computed at the call from the handset's clock (waiting for the OTP screen). */
  async readOtp(timeoutMs = 10_000): Promise<string> {
    const seen = await this.untilShown({}, timeoutMs);
    if (seen.code) return seen.code;
    throw new Error(`the token app shows no code; last screen: ${JSON.stringify(seen.screen)}`);
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
