import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';

/**
 * Flags for a closed network: no background fetches, no sandbox (CI runs as root). Features off for CPU
 * (measured per scenario run, README "Benchmarks"):
 * - BackForwardCache: nothing here goes back in Chromium's own history (the emulator's mini browser
 *   keeps its own), and keeping each page left alive for it costs about a fifth of a navigation.
 * - RenderDocument: a new frame host for every same-site navigation; without it a portal page load
 *   costs about half the CPU.
 * - The omnibox popup and the other top-chrome WebUI that headless Chromium still loads for every
 *   window (each browser context opens one): a renderer of its own, about 0.5 CPU-s a window.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=BackForwardCache,RenderDocument,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** `PUPPETEER_EXECUTABLE_PATH`, else Debian's Chromium, else a clear error saying what to install. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`PUPPETEER_EXECUTABLE_PATH points to ${configured}, which does not exist`);
    return configured;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error('no Chromium found: run `apt-get install -y chromium` or set PUPPETEER_EXECUTABLE_PATH');
  return found;
}

/**
 * DevTools over a pipe rather than a WebSocket (no frames to mask and unmask, no HTTP server in the
 * browser): `all` took about 2.5 % less CPU, browser and runner together (README, "Benchmarks").
 */
export function launchBrowser(options: { headful?: boolean } & LaunchOptions = {}): Promise<Browser> {
  const { headful, ...rest } = options;
  return puppeteer.launch({ executablePath: findChromium(), headless: !headful, args: CHROMIUM_FLAGS, pipe: true, ...rest });
}
