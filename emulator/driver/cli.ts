import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { catalog, select } from './catalog.ts';
import { lastDurations, reportFolderName, writeReport } from './report.ts';
import { expandTargets, runAll, runId, type RunResult, type RunTarget, type StepResult } from './runner.ts';
import { runInWorkers } from './workers.ts';

const USAGE = `usage: npm run scenario -- <name|all> [--device <id>] [--headful] [--parallel N] [--dir ./scenarios] [--out ./reports]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      device: { type: 'string' },
      headful: { type: 'boolean', default: false },
      parallel: { type: 'string', default: '1' },
      dir: { type: 'string', default: 'scenarios' },
      out: { type: 'string', default: 'reports' },
      list: { type: 'boolean', default: false },
    },
  });
  const scenarios = await catalog(values.dir);
  if (values.list) {
    for (const s of scenarios) console.log(`${s.name.padEnd(22)} ${s.description}${s.devices?.length ? ` [${s.devices.join(', ')}]` : ''}`);
    return 0;
  }
  const parallel = Number(values.parallel);
  if (positionals.length !== 1 || !Number.isInteger(parallel) || parallel < 1 || parallel > 16) {
    console.error(USAGE);
    return 2;
  }
  const targets = expandTargets(select(scenarios, positionals[0]!), values.device);
  const reportDir = resolve(values.out, reportFolderName());
  console.log(`${targets.length} run(s), ${parallel} at a time → ${reportDir}`);

  // An earlier report orders the runs only when it has some of them.
  const report = parallel > 1 ? await lastDurations(values.out) : undefined;
  const earlier = report && targets.some((target) => report.durations.has(runId(target))) ? report : undefined;
  if (earlier) console.log(`longest first, as they took in ${join(values.out, earlier.folder)}`);
  const started = performance.now();
  const onStep = (run: string, step: StepResult) => console.log(`[${run}] ${step.passed ? '✔' : '✘'} ${step.name} (${step.ms} ms)${step.error ? ` — ${step.error}` : ''}`);
  const results = parallel > 1 ? await runInWorkers(targets, { dir: values.dir, reportDir, parallel, headful: values.headful, durations: earlier?.durations, onStep }) : await runHere(targets, reportDir, values.headful, onStep);
  const wallMs = Math.round(performance.now() - started);
  await writeReport(reportDir, results, wallMs);
  for (const run of results) console.log(`${run.passed ? 'PASS' : 'FAIL'} ${run.id} (${run.ms} ms)${run.error ? ` — ${run.error}` : ''}`);
  const failed = results.filter((r) => !r.passed).length;
  console.log(`${results.length - failed}/${results.length} passed in ${(wallMs / 1000).toFixed(1)} s; report: ${join(reportDir, 'index.html')}`);
  return failed ? 1 : 0;
}

/** One run at a time in this process, with one browser. */
async function runHere(targets: RunTarget[], reportDir: string, headful: boolean, onStep: (run: string, step: StepResult) => void): Promise<RunResult[]> {
  // Puppeteer is loaded only here: with --parallel the workers drive the browsers, and loading it costs this process ~0.4 s.
  const { launchBrowser } = await import('./browser.ts');
  const browser = await launchBrowser({ headful });
  try {
    return await runAll(targets, { browser, reportDir, onStep });
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`scenario: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
