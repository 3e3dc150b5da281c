import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { GatewayPool, logAround, startIsolatedGateway, type IsolatedGateway } from './gateway-process.ts';
import { HandsetPage } from './handset.ts';
import { PortalPage } from './portal.ts';
import type { Mail, Scenario, ScenarioContext } from './scenario.ts';

export interface Shot {
  label: string;
  /** Relative to the report folder. */
  file: string;
}

export interface StepResult {
  name: string;
  passed: boolean;
  ms: number;
  error?: string;
  shots: Shot[];
}

export interface RunResult {
  /** `name`, or `name@device` when the scenario runs per device. */
  id: string;
  scenario: string;
  description: string;
  device?: string;
  passed: boolean;
  ms: number;
  steps: StepResult[];
  notes: string[];
  error?: string;
  /** Failure artefacts (screenshots, page HTML, gateway log), relative to the report folder. */
  artefacts: string[];
}

export interface RunTarget {
  scenario: Scenario;
  device?: string;
}

export interface RunOptions {
  browser: Browser;
  /** The report folder; each run writes into `<reportDir>/<id>/`. */
  reportDir: string;
  /** A run still going after this long fails (default 3 minutes): a hung page cannot stall the suite. */
  timeoutMs?: number;
  /** Called as each step ends: the CLI's progress line. */
  onStep?: (run: string, step: StepResult) => void;
  /** Where the run's gateway comes from (default: one started for it). */
  gateway?: () => Promise<IsolatedGateway>;
}

const GATEWAY_LOG_BEFORE_MS = 5_000;
const RUN_TIMEOUT_MS = 180_000;
const SCREENSHOT_TIMEOUT_MS = 15_000;
const PC_VIEWPORT = { width: 1024, height: 768 };

/** One run per device the scenario lists (or the one picked), else a single run. */
export function expandTargets(scenarios: Scenario[], device?: string): RunTarget[] {
  return scenarios.flatMap((scenario) => {
    if (device) return [{ scenario, device }];
    if (scenario.devices?.length) return scenario.devices.map((id) => ({ scenario, device: id }));
    return [{ scenario }];
  });
}

/** A target's result before its run has done anything: not passed, no steps. */
export function notRun(target: RunTarget, error?: string): RunResult {
  return {
    id: runId(target),
    scenario: target.scenario.name,
    description: target.scenario.description,
    ...(target.device ? { device: target.device } : {}),
    passed: false,
    ms: 0,
    steps: [],
    notes: [],
    ...(error ? { error } : {}),
    artefacts: [],
  };
}

export const runId = (target: RunTarget) => (target.device ? `${target.scenario.name}@${target.device}` : target.scenario.name);

/** Runs one scenario against a gateway of its own, in a browser context of its own. */
export async function runScenario(target: RunTarget, options: RunOptions): Promise<RunResult> {
  const id = runId(target);
  const folder = id.replace(/[^A-Za-z0-9@._-]/g, '_');
  await mkdir(join(options.reportDir, folder), { recursive: true });
  const result = notRun(target);
  const started = performance.now();
  let gateway: IsolatedGateway | undefined;
  const context = await options.browser.createBrowserContext();
  const tabs: { label: string; page: Page }[] = [];
  let stepStartedAt = Date.now();
  let clockOffsetMs = 0;

  /** Screenshot files still being written: the next step need not wait for the disk. */
  const writing: Promise<void>[] = [];
  /** Each tab's last picture, given again while nothing it shows has changed (`TRACK_CHANGES`). */
  const lastShot = new Map<Page, Uint8Array>();
  const shoot = async (prefix: string): Promise<Shot[]> => {
    // Every tab is a window of its own, always visible (openTab): none needs bringing to the front,
    // which made Chromium repaint it from scratch, and their pictures are taken at the same time
    // (each waits about 30 ms for its window's next frame). A tab that crashed or closed cannot be
    // pictured; the step's own error says why.
    const taken = await Promise.all(tabs.map(async ({ page }) => {
      const previous = lastShot.get(page);
      if (previous && !(await hasChanged(page))) return previous;
      const bytes = await withTimeout(page.screenshot({ optimizeForSpeed: true }), SCREENSHOT_TIMEOUT_MS).catch(() => null);
      if (bytes) lastShot.set(page, bytes);
      else lastShot.delete(page);
      return bytes;
    }));
    const shots: Shot[] = [];
    for (const [index, tab] of tabs.entries()) {
      const bytes = taken[index];
      if (!bytes) continue;
      const file = join(folder, `${prefix}-${tab.label}.png`);
      writing.push(writeFile(join(options.reportDir, file), bytes).catch((error: unknown) => void result.notes.push(`screenshot ${file} not written: ${message(error)}`)));
      shots.push({ label: tab.label, file });
    }
    return shots;
  };

  const saveFailureArtefacts = async (error: unknown, shots: Shot[]) => {
    result.artefacts.push(...shots.map((shot) => shot.file));
    for (const tab of tabs) {
      const file = join(folder, `failure-${tab.label}.html`);
      const html = await tab.page.content().catch((reason: unknown) => `<!-- page unavailable: ${String(reason)} -->`);
      await writeFile(join(options.reportDir, file), html);
      result.artefacts.push(file);
    }
    if (gateway) {
      const file = join(folder, 'failure-gateway.log');
      const now = Date.now();
      const around = logAround(await gateway.log(), stepStartedAt - GATEWAY_LOG_BEFORE_MS, now);
      await writeFile(join(options.reportDir, file), `# gateway log from ${GATEWAY_LOG_BEFORE_MS / 1000} s before the failing step to the failure\n# ${message(error)}\n${around}\n`);
      result.artefacts.push(file);
    }
  };

  const openTab = async (label: string, tabOptions: { userAgent?: string } = {}): Promise<Page> => {
    if (!/^[a-z0-9-]+$/.test(label) || tabs.some((tab) => tab.label === label)) throw new Error(`tab label "${label}" must be unique, lower-case letters, digits and dashes`);
    // A window per tab, not tabs in one window: a background tab is hidden, so Chromium throttles it and
    // drops its pictures, and showing it again for the screenshot cost a full repaint every step.
    const page = await context.newPage({ type: 'window' });
    await page.evaluateOnNewDocument(TRACK_CHANGES);
    if (tabOptions.userAgent) await page.setUserAgent(tabOptions.userAgent);
    tabs.push({ label, page });
    return page;
  };

  try {
    gateway = await (options.gateway ?? startIsolatedGateway)();
    const baseUrl = gateway.url;
    const pcPage = await openTab('pc');
    await pcPage.setViewport(PC_VIEWPORT);
    const ctx: ScenarioContext = {
      baseUrl,
      device: target.device,
      browser: options.browser,
      pc: new PortalPage(pcPage, baseUrl),
      openTab,
      handset: (device, mail) => HandsetPage.open({ newPage: () => openTab(device) }, baseUrl, { device, mail }),
      mailbox: async (address) => {
        const response = await fetch(`${baseUrl}/emulator/api/mailbox/${encodeURIComponent(address)}`);
        if (!response.ok) throw new Error(`mailbox ${address}: HTTP ${response.status}`);
        return (await response.json()) as Mail[];
      },
      log: (note) => result.notes.push(note),
      now: () => Date.now() + clockOffsetMs,
      advanceClock: async (ms) => {
        if (!(ms > 0)) throw new Error(`advanceClock needs a positive number of milliseconds, got ${ms}`);
        clockOffsetMs += ms;
        await gateway!.restart(clockOffsetMs);
        result.notes.push(`gateway clock moved ${Math.round(clockOffsetMs / 60_000)} min ahead`);
      },
      step: async (name, action) => {
        const index = String(result.steps.length + 1).padStart(2, '0');
        stepStartedAt = Date.now();
        const stepStarted = performance.now();
        try {
          const value = await action();
          const step: StepResult = { name, passed: true, ms: Math.round(performance.now() - stepStarted), shots: await shoot(index) };
          result.steps.push(step);
          options.onStep?.(id, step);
          return value;
        } catch (error) {
          const shots = await shoot(`${index}-failure`);
          const step: StepResult = { name, passed: false, ms: Math.round(performance.now() - stepStarted), error: message(error), shots };
          result.steps.push(step);
          options.onStep?.(id, step);
          await saveFailureArtefacts(error, shots);
          throw new StepFailed(name, error);
        }
      },
    };
    await withTimeout(target.scenario.run(ctx), options.timeoutMs ?? RUN_TIMEOUT_MS);
    if (result.steps.length === 0) throw new Error('the scenario ran no step: wrap its actions in ctx.step(name, fn)');
    result.passed = true;
  } catch (error) {
    result.error = message(error);
    if (!(error instanceof StepFailed)) await saveFailureArtefacts(error, await shoot('failure'));
  } finally {
    result.ms = Math.round(performance.now() - started);
    await context.close().catch(() => undefined);
    await gateway?.stop().catch((error: unknown) => {
      result.passed = false;
      result.error ??= message(error);
    });
    await Promise.all(writing);
  }
  return result;
}

/**
 * Runs the targets one after the other in this process; results in the targets' order. Each run's
 * gateway starts while the run before it executes. (`--parallel` runs in worker processes:
 * workers.ts.)
 */
export async function runAll(targets: RunTarget[], options: RunOptions): Promise<RunResult[]> {
  const pool = new GatewayPool(targets.length);
  const results: RunResult[] = [];
  try {
    for (const target of targets) results.push(await runScenario(target, { ...options, gateway: () => pool.take() }));
  } finally {
    await pool.close();
  }
  return results;
}

/**
 * Run in every document of a run's tabs: marks its window (and the windows above it) changed on
 * anything that can change what a picture shows: a new document, a DOM change (text, attributes,
 * inline styles), typing, scrolling, focus, hover, a loaded image or font, an animation, a resize.
 * A step that changed nothing in a tab gets that tab's last picture again instead of a screenshot
 * (about 17 ms of Chromium's CPU and 40 ms of waiting for a frame each).
 */
const TRACK_CHANGES = `(() => {
  const mark = () => {
    for (let frame = window; ; frame = frame.parent) {
      try { frame.__ketaiChanged = true; } catch { return; }
      if (frame === frame.parent) return;
    }
  };
  mark();
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  for (const type of ['input', 'change', 'scroll', 'focusin', 'focusout', 'mouseover', 'mouseout', 'load', 'error', 'resize', 'selectionchange', 'toggle', 'transitionrun', 'animationstart', 'animationiteration']) {
    addEventListener(type, mark, { capture: true, passive: true });
  }
  document.fonts?.addEventListener('loadingdone', mark);
})();`;

/**
 * Whether the tab may look different since its last picture (and clears the mark). A frame the
 * page cannot look into (another origin), a page without the mark and a page that does not answer
 * all count as changed.
 */
async function hasChanged(page: Page): Promise<boolean> {
  return page
    .evaluate(() => {
      type Marked = Window & { __ketaiChanged?: boolean };
      const top = window as Marked;
      let changed = top.__ketaiChanged !== false;
      top.__ketaiChanged = false;
      const frames = [...document.querySelectorAll('iframe')];
      for (let frame = frames.pop(); frame && !changed; frame = frames.pop()) {
        const inner = frame.contentDocument;
        if (inner) frames.push(...inner.querySelectorAll('iframe'));
        else changed = true;
      }
      return changed;
    })
    .catch(() => true);
}

/** Rejects after `ms`; closing the browser context in `finally` then ends the abandoned run's calls. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the run took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class StepFailed extends Error {
  constructor(step: string, cause: unknown) {
    super(`step "${step}" failed: ${message(cause)}`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
