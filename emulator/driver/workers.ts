import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { notRun, runId, type RunResult, type RunTarget, type StepResult } from './runner.ts';

/** What the parent sends a worker: first its setup, then a run to do or the word to stop. */
export type ToWorker =
  | { type: 'setup'; dir: string; targets: { scenario: string; device?: string }[]; reportDir: string }
  | { type: 'run'; index: number; /** Runs not yet handed to any worker. */ left: number }
  | { type: 'stop' };

/** What a worker sends back: that it is free, each step as it ends, each run's result. */
export type FromWorker = { type: 'next' } | { type: 'step'; run: string; step: StepResult } | { type: 'result'; index: number; result: RunResult };

export interface WorkerOptions {
  /** The folder of the user's scenarios (`--dir`), which each worker loads again. */
  dir: string;
  reportDir: string;
  parallel: number;
  /** Each run's duration in an earlier report (`lastDurations` in report.ts): the longest are handed out first. */
  durations?: ReadonlyMap<string, number>;
  headful?: boolean;
  onStep?: (run: string, step: StepResult) => void;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const PUPPETEER = import.meta.resolve('puppeteer-core');

/**
 * `--parallel N`: N worker processes, each with a browser and gateways of its own, take the targets
 * one at a time as they come free; results in the targets' order. Two runs in one process had every
 * CDP message, screenshot and gateway log of both pass through one event loop: `all --parallel 2`
 * took 33.8 s that way and takes 30.6 s in two workers (README, "Benchmarks", scenarios). A worker
 * that dies fails the run it had; the others take the rest.
 */
export async function runInWorkers(targets: RunTarget[], options: WorkerOptions): Promise<RunResult[]> {
  const results: (RunResult | undefined)[] = new Array(targets.length);
  const order = longestFirst(targets, options.durations ?? new Map());
  let next = 0;
  const setup: ToWorker = {
    type: 'setup',
    dir: options.dir,
    targets: targets.map((target) => ({ scenario: target.scenario.name, ...(target.device ? { device: target.device } : {}) })),
    reportDir: options.reportDir,
  };
  const worker = () =>
    new Promise<void>((resolve) => {
      // The same node flags as this process (`--import tsx`), so the worker loads TypeScript scenarios too;
      // Puppeteer before them, as node's own modules: through tsx's loader its 300 files take 0.25 s longer.
      const child = fork(WORKER, options.headful ? ['--headful'] : [], { execArgv: ['--import', PUPPETEER, ...process.execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let running: number | undefined;
      child.on('message', (message: FromWorker) => {
        if (message.type === 'next') {
          running = next < order.length ? order[next++] : undefined;
          child.send(running === undefined ? { type: 'stop' } : { type: 'run', index: running, left: order.length - next });
        } else if (message.type === 'step') {
          options.onStep?.(message.run, message.step);
        } else {
          results[message.index] = message.result;
          running = undefined;
        }
      });
      child.once('exit', (code, signal) => {
        if (running !== undefined) results[running] = notRun(targets[running]!, `the worker process running it exited (${signal ?? `code ${code}`})`);
        resolve();
      });
      child.send(setup);
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, targets.length)) }, worker));
  return targets.map((target, index) => results[index] ?? notRun(target, 'no worker process was left to run it'));
}

/**
 * The targets' indices in the order to hand them out: those without an earlier duration first (in
 * their own order), then the longest first, so that the runs ending last are short ones and no
 * worker is left alone with a long run at the end while the others wait.
 */
export function longestFirst(targets: RunTarget[], durations: ReadonlyMap<string, number>): number[] {
  const ms = targets.map((target) => durations.get(runId(target)) ?? Infinity);
  // Array.prototype.sort is stable: equal durations (and the unknown) keep the targets' order.
  return targets.map((_, index) => index).sort((a, b) => (ms[a] === ms[b] ? 0 : ms[b]! - ms[a]!));
}
