import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from './runner.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `reports/2026-11-22T21-40-05Z`: sortable and safe in a file name. */
export function reportFolderName(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * How long each run took (by run id) in the newest report under `outDir` that has results, and that
 * report's folder, for handing the longest runs out first; undefined when there is none. A report that
 * cannot be read (cut short, edited) is passed over: it only informs the order.
 */
export async function lastDurations(outDir: string): Promise<{ folder: string; durations: Map<string, number> } | undefined> {
  const folders = (await readdir(outDir).catch(() => [] as string[])).filter((name) => REPORT_FOLDER.test(name)).sort().reverse();
  for (const folder of folders) {
    const text = await readFile(join(outDir, folder, 'results.json'), 'utf8').catch(() => undefined);
    const runs = text === undefined ? undefined : parseRuns(text);
    if (runs) return { folder, durations: new Map(runs.map((run) => [run.id, run.ms])) };
  }
  return undefined;
}

const REPORT_FOLDER = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/;

function parseRuns(text: string): { id: string; ms: number }[] | undefined {
  try {
    const runs = (JSON.parse(text) as { runs?: unknown }).runs;
    if (!Array.isArray(runs)) return undefined;
    return runs.filter((run): run is { id: string; ms: number } => typeof run?.id === 'string' && Number.isFinite(run?.ms));
  } catch {
    return undefined;
  }
}

/** Writes index.html, results.json and junit.xml into `dir`. */
export async function writeReport(dir: string, results: RunResult[], wallMs: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'results.json'), `${JSON.stringify({ wallMs, passed: results.every((r) => r.passed), runs: results }, null, 2)}\n`);
  await writeFile(join(dir, 'junit.xml'), junit(results, wallMs));
  await writeFile(join(dir, 'index.html'), html(results, wallMs));
}

function junit(results: RunResult[], wallMs: number): string {
  const failures = results.filter((r) => !r.passed).length;
  const cases = results.map((run) => {
    const steps = run.steps.map((s) => `${s.passed ? 'ok  ' : 'FAIL'} ${s.name} (${s.ms} ms)`).join('\n');
    const failure = run.passed ? '' : `\n    <failure message="${escape(run.error ?? 'failed')}">${escape(run.artefacts.join('\n'))}</failure>`;
    return `  <testcase classname="scenario" name="${escape(run.id)}" time="${(run.ms / 1000).toFixed(3)}">${failure}\n    <system-out>${escape(steps)}</system-out>\n  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="ketai-token scenarios" tests="${results.length}" failures="${failures}" errors="0" time="${(wallMs / 1000).toFixed(3)}">\n${cases.join('\n')}\n</testsuite>\n`;
}

function html(results: RunResult[], wallMs: number): string {
  const passed = results.filter((r) => r.passed).length;
  const runs = results.map((run) => {
    const steps = run.steps.map((step) => {
      const shots = step.shots.map((shot) => `<figure><a href="${escape(shot.file)}"><img src="${escape(shot.file)}" alt="${escape(`${step.name} — ${shot.label}`)}" loading="lazy"></a><figcaption>${escape(shot.label)}</figcaption></figure>`).join('');
      return `<li class="${step.passed ? 'pass' : 'fail'}"><div class="step"><b>${escape(step.name)}</b> <span class="verdict">${step.passed ? 'PASS' : 'FAIL'}</span> <span class="ms">${step.ms} ms</span>${step.error ? `<pre>${escape(step.error)}</pre>` : ''}</div><div class="film">${shots}</div></li>`;
    });
    const artefacts = run.artefacts.length ? `<p>Failure artefacts: ${run.artefacts.map((file) => `<a href="${escape(file)}">${escape(file)}</a>`).join(' · ')}</p>` : '';
    const notes = run.notes.length ? `<ul class="notes">${run.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>` : '';
    return `<section id="${escape(run.id)}" class="${run.passed ? 'pass' : 'fail'}"><h2>${run.passed ? '✔' : '✘'} ${escape(run.id)} <span class="ms">${run.ms} ms</span></h2><p>${escape(run.description)}</p>${run.error ? `<pre>${escape(run.error)}</pre>` : ''}${artefacts}${notes}<ol>${steps.join('')}</ol></section>`;
  });
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>ketai-token scenarios: ${passed}/${results.length} passed</title>
<style>
body{font-family:sans-serif;margin:1rem 2rem;color:#222}
section{border-left:6px solid #3a3;padding:0 1rem;margin:1.5rem 0}section.fail{border-color:#c33}
ol{padding-left:1.2rem}li{margin:.6rem 0}.verdict{font-weight:bold}li.pass .verdict{color:#282}li.fail .verdict{color:#c22}
.ms{color:#777;font-size:.85em}pre{background:#fee;padding:.5rem;white-space:pre-wrap}
.film{display:flex;gap:.5rem;overflow-x:auto}figure{margin:0}figure img{height:180px;border:1px solid #ccc}figcaption{font-size:.75em;color:#555}
</style></head><body>
<h1>ketai-token scenarios</h1>
<p>${passed} of ${results.length} runs passed · wall time ${(wallMs / 1000).toFixed(1)} s · <a href="results.json">results.json</a> · <a href="junit.xml">junit.xml</a></p>
<ul>${results.map((r) => `<li><a href="#${escape(r.id)}">${r.passed ? '✔' : '✘'} ${escape(r.id)}</a></li>`).join('')}</ul>
${runs.join('\n')}
</body></html>
`;
}
