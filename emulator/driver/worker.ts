import type { Browser } from 'puppeteer-core';
import { launchBrowser } from './browser.ts';
import { catalog } from './catalog.ts';
import { GatewayPool } from './gateway-process.ts';
import { runScenario, type RunTarget } from './runner.ts';
import type { FromWorker, ToWorker } from './workers.ts';

/**
 * One `--parallel` slot (`runInWorkers` in workers.ts) as a process of its own: a browser and
 * gateways of its own; it asks for a run whenever it is free, and sends back each step as it ends
 * and each run's result.
 */
const send = (message: FromWorker) => new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));

/** The parent's messages in order, however they arrive against the awaits here. */
const orders: ToWorker[] = [];
let waiting: ((order: ToWorker) => void) | undefined;
process.on('message', (order: ToWorker) => {
  if (waiting) {
    const resolve = waiting;
    waiting = undefined;
    resolve(order);
  } else orders.push(order);
});
const nextOrder = () => new Promise<ToWorker>((resolve) => {
  const queued = orders.shift();
  if (queued) resolve(queued);
  else waiting = resolve;
});

async function main(): Promise<void> {
  // The browser and the first gateway start while the setup comes and the scenarios load. This worker
  // exists because there is a run for it; `atMost` below says how many are left.
  const browser = launchBrowser({ headful: process.argv.includes('--headful') });
  // A failed launch is reported when the first run needs the browser, not as an unhandled rejection now.
  browser.catch(() => undefined);
  const pool = new GatewayPool(Infinity);
  try {
    const setup = await nextOrder();
    if (setup.type !== 'setup') throw new Error(`a worker expects its setup first, got "${setup.type}"`);
    const scenarios = new Map((await catalog(setup.dir)).map((scenario) => [scenario.name, scenario]));
    const targets: RunTarget[] = setup.targets.map(({ scenario, device }) => ({ scenario: scenarios.get(scenario)!, ...(device ? { device } : {}) }));
    await takeRuns(setup, targets, await browser, pool);
  } finally {
    await pool.close();
    await (await browser.catch(() => undefined))?.close();
  }
}

/** Asks for a run whenever free, until the parent says stop. */
async function takeRuns(setup: Extract<ToWorker, { type: 'setup' }>, targets: RunTarget[], browser: Browser, pool: GatewayPool): Promise<void> {
  for (;;) {
    await send({ type: 'next' });
    const order = await nextOrder();
    if (order.type !== 'run') return;
    // No gateway started ahead for a run no worker will be given.
    pool.atMost(order.left);
    const result = await runScenario(targets[order.index]!, {
      browser,
      reportDir: setup.reportDir,
      gateway: () => pool.take(),
      onStep: (run, step) => void send({ type: 'step', run, step }),
    });
    await send({ type: 'result', index: order.index, result });
  }
}

main().then(
  () => process.disconnect(),
  (error: unknown) => {
    console.error(`scenario worker: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
