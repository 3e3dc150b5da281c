import { describe, expect, it } from 'vitest';
import { findChromium, launchBrowser } from '../emulator/driver/browser.ts';

describe('the scenario runner’s browser', () => {
  it('is driven over a pipe, not a DevTools port (README, "Benchmarks", scenarios)', async () => {
    const browser = await launchBrowser();
    try {
      const args = browser.process()!.spawnargs;
      expect(args).toContain('--remote-debugging-pipe');
      expect(args.some((arg) => arg.startsWith('--remote-debugging-port'))).toBe(false);
      const page = await browser.newPage();
      expect(await page.evaluate(() => 6 * 7)).toBe(42);
    } finally {
      await browser.close();
    }
  }, 30_000);

  it('names what to install or fix when no Chromium is found', () => {
    expect(() => findChromium({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' })).toThrow(/PUPPETEER_EXECUTABLE_PATH points to \/nonexistent\/chromium/);
  });
});
