import type { Page } from 'puppeteer-core';

/** Generous: scenario runs share two cores with Chromium and other tests. */
const TIMEOUT_MS = 15_000;
/** How long a loaded page may show another screen before `expectScreen` gives up on it. */
const SETTLED_MS = 1_500;

export interface TransferInput {
  bank: string;
  branch: string;
  accountType?: '普通' | '当座';
  accountNumber: string;
  holder: string;
  amount: string;
}

/**
 * The PC internet banking portal as a user sees it: screens by their 画面ID, fields by name,
 * buttons by their label (contract in docs/contracts.md).
 */
export class PortalPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async goto(path: string): Promise<void> {
    await this.page.goto(new URL(path, this.baseUrl).href, { waitUntil: 'domcontentloaded' });
  }

  /** The current 画面ID (`<body data-screen>`), or '' on a page without one. */
  screen(): Promise<string> {
    return this.page.evaluate(() => document.body?.dataset.screen ?? '');
  }

  /**
   * Waits for screen `id`; on another screen fails naming the screen and its error messages. A page
   * that has finished loading and still shows another screen after `SETTLED_MS` fails at once rather
   * than after the whole timeout: the portal's pages are server-rendered, so it will not change.
   */
  async expectScreen(id: string): Promise<void> {
    const outcome = await this.page
      .waitForFunction(
        (wanted: string, settledMs: number): 'shown' | 'other' | false => {
          if (document.readyState === 'loading' || !document.body) return false;
          if (document.body.dataset.screen === wanted) return 'shown';
          const page = window as { ketaiOtherSince?: number };
          page.ketaiOtherSince ??= performance.now();
          return performance.now() - page.ketaiOtherSince >= settledMs ? 'other' : false;
        },
        { timeout: TIMEOUT_MS, polling: 100 },
        id,
        SETTLED_MS,
      )
      .then(
        (handle) => handle.jsonValue() as Promise<string>,
        () => 'timeout',
      );
    if (outcome === 'shown') return;
    const errors = await this.errors();
    throw new Error(`expected screen ${id}, on ${(await this.screen()) || this.page.url()}${errors.length ? `: ${errors.join(' / ')}` : ''}`);
  }

  async fill(fields: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(fields)) {
      const selector = `[name="${name}"]`;
      // One round trip finds the field and readies a text field (emptied and focused); only a field
      // not there yet is waited for.
      let kind = await this.readyField(selector);
      if (kind === 'missing') {
        await this.page.waitForSelector(selector, { timeout: TIMEOUT_MS });
        kind = await this.readyField(selector);
      }
      if (kind === 'select') await this.page.select(`select${selector}`, value);
      else if (kind === 'radio') await this.page.click(`input${selector}[value="${value}"]`);
      // One text insertion, as an IME commits it: the field keeps its maxlength as with keystrokes, but
      // this is one message instead of two a character, each of which made Chromium draw a frame.
      else if (value) await this.page.keyboard.sendCharacter(value);
    }
  }

  /** What the field is; a text field is emptied and focused, ready for its text. */
  private readyField(selector: string): Promise<'missing' | 'select' | 'radio' | 'text'> {
    return this.page.evaluate((query: string) => {
      const field = document.querySelector(query);
      if (!field) return 'missing';
      if (field instanceof HTMLSelectElement) return 'select';
      if (field instanceof HTMLInputElement && field.type === 'radio') return 'radio';
      (field as HTMLInputElement).value = '';
      (field as HTMLElement).focus();
      return 'text';
    }, selector);
  }

  /** Clicks the button or link labelled `label` and waits for the page it leads to. */
  async click(label: string): Promise<void> {
    const target = await this.page.waitForSelector(`::-p-xpath(//*[self::button or self::a or self::input[@type="submit"]][normalize-space(.)="${label}" or @value="${label}"])`, { timeout: TIMEOUT_MS });
    await Promise.all([this.page.waitForNavigation({ timeout: TIMEOUT_MS }), target!.click()]);
  }

  async text(selector: string): Promise<string> {
    return this.page.$eval(selector, (el) => el.textContent?.trim() ?? '');
  }

  /** Page-level (`.message-error`) and field (`.field-error`) error texts. */
  errors(): Promise<string[]> {
    return this.page.$$eval('.message-error, .field-error', (els) => els.map((el) => el.textContent?.trim() ?? '').filter(Boolean));
  }

  /** BLI001 → BTP001, or BLI002 when the customer's token is 利用中. */
  async login(loginId: string, password: string): Promise<void> {
    await this.goto('/');
    await this.expectScreen('BLI001');
    await this.fill({ loginId, password });
    await this.click('ログイン');
  }

  /** BLI002: the one-time password asked at login. */
  async loginOtp(otp: string): Promise<void> {
    await this.expectScreen('BLI002');
    await this.fill({ otp });
    await this.click('ログイン');
  }

  async logout(): Promise<void> {
    await this.click('ログアウト');
    await this.expectScreen('BLI001');
  }

  /** BOP001's status text: 未登録 / トークン発行済 / 利用中. */
  async otpStatus(): Promise<string> {
    await this.goto('/ib/otp');
    await this.expectScreen('BOP001');
    return this.text('[data-field=otpStatus]');
  }

  /** BOP001 → BOT001 → BOT003 → BOT002; returns what the token app's 初期設定 needs. */
  async issueToken(input: { mail: string; startPassword: string; confirmPassword: string }): Promise<{ serviceId: string; userId: string }> {
    await this.goto('/ib/otp');
    await this.expectScreen('BOP001');
    await this.click('トークン発行');
    await this.expectScreen('BOT001');
    await this.fill({ mail: input.mail, mailConfirm: input.mail, startPassword: input.startPassword, startPasswordConfirm: input.startPassword });
    await this.click('次へ');
    await this.expectScreen('BOT003');
    await this.fill({ confirmPassword: input.confirmPassword });
    await this.click('確定する');
    await this.expectScreen('BOT002');
    return { serviceId: await this.text('[data-field=serviceId]'), userId: await this.text('[data-field=userId]') };
  }

  /** BOK001 → BOK002 (or stays on BOK001 with an error: check `screen()`). */
  async activate(otp: string): Promise<void> {
    await this.goto('/ib/otp/activate');
    await this.expectScreen('BOK001');
    await this.fill({ otp });
    await this.click('利用開始する');
  }

  /** BOS001 → BOS002. */
  async release(confirmPassword: string): Promise<void> {
    await this.goto('/ib/otp/release');
    await this.expectScreen('BOS001');
    await this.fill({ confirmPassword });
    await this.click('解除する');
    await this.expectScreen('BOS002');
  }

  /** BFK001 → BFK002 → BFK003 (confirm screen; call `confirmTransfer`, which goes on to BFK005 for the OTP). */
  async transferToNewPayee(input: TransferInput): Promise<void> {
    await this.goto('/ib/transfer');
    await this.expectScreen('BFK001');
    await this.click('新しい振込先へ振込');
    await this.expectScreen('BFK002');
    await this.fill({ ...input, accountType: input.accountType ?? '普通' });
    await this.click('次へ');
    await this.expectScreen('BFK003');
  }

  /**
   * Without `otp`: BFK003 → 振込を実行する. With it: BFK003 → 次へ → BFK005, the code → 次へ (BFK004 when
   * accepted). Called again on BFK005 after a refused code, it types the next one there.
   */
  async confirmTransfer(otp?: string): Promise<void> {
    if (otp === undefined) {
      await this.expectScreen('BFK003');
      return this.click('振込を実行する');
    }
    if ((await this.screen()) !== 'BFK005') {
      await this.expectScreen('BFK003');
      await this.click('次へ');
    }
    await this.expectScreen('BFK005');
    await this.fill({ otp });
    await this.click('次へ');
  }
}
