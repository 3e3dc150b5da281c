import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';

/**
 * Flags for a closed network: no background fetches, no sandbox (CI runs as root). Features off for CPU
 * (measured per scenario run, README "Benchmarks"):
 * - BackForwardCache: nothing here goes back in Chromium's own history (the emulator's mini browser
 *   keeps its own), and keeping each page left alive for it costs about a fifth of a navigation.
 * - RenderDocument: a new frame host for every same-site navigation; without it a portal page load
 *   costs about half the CPU.
 * - The omnibox popup and the other top-chrome WebUI that full Chromium loads for every window (each
 *   browser context opens one) when it runs headless without the shell: a renderer of its own, about
 *   0.5 CPU-s a window.
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
/**
 * Debian's `chromium-headless-shell`: the same Blink without the browser's own UI (no window, tab strip
 * or omnibox to lay out, paint and composite for every tab and navigation). Headless runs take it when
 * installed: `all` took about a third less CPU and wall time (README, "Benchmarks", scenarios).
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

export interface Chromium {
  path: string;
  /** Puppeteer's `headless`: `'shell'` for a headless shell, `false` for a window. */
  headless: boolean | 'shell';
}

const isHeadlessShell = (path: string) => /headless[-_]shell/.test(path);

/**
 * `PUPPETEER_EXECUTABLE_PATH`, else (headless) Debian's headless shell, else Debian's Chromium, else a
 * clear error saying what to install.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, { headful = false, exists = existsSync as (path: string) => boolean } = {}): Chromium {
  const configured = env.PUPPETEER_EXECUTABLE_PATH || undefined;
  if (configured && !exists(configured)) throw new Error(`PUPPETEER_EXECUTABLE_PATH points to ${configured}, which does not exist`);
  const path = configured ?? [...(headful ? [] : [HEADLESS_SHELL]), ...CANDIDATES].find((candidate) => exists(candidate));
  if (!path) throw new Error('no Chromium found: run `apt-get install -y chromium chromium-headless-shell` or set PUPPETEER_EXECUTABLE_PATH');
  if (!headful) return { path, headless: isHeadlessShell(path) ? 'shell' : true };
  if (isHeadlessShell(path)) throw new Error(`--headful needs a full Chromium, and ${path} is a headless shell`);
  return { path, headless: false };
}

/**
 * DevTools over a pipe rather than a WebSocket (no frames to mask and unmask, no HTTP server in the
 * browser): `all` took about 2.5 % less CPU, browser and runner together (README, "Benchmarks").
 */
export function launchBrowser(options: { headful?: boolean } & LaunchOptions = {}): Promise<Browser> {
  const { headful = false, ...rest } = options;
  const chromium = findChromium(process.env, { headful });
  return puppeteer.launch({ executablePath: chromium.path, headless: chromium.headless, args: CHROMIUM_FLAGS, pipe: true, ...rest });
}
