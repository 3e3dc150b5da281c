import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILT_IN } from '../scenarios/index.ts';
import type { Scenario } from './scenario.ts';

/** Each `*.ts` file in `dir` whose default export is a scenario (`export default defineScenario(…)`). */
export async function loadUserScenarios(dir: string): Promise<Scenario[]> {
  const folder = resolve(dir);
  if (!existsSync(folder)) return [];
  const files = (await readdir(folder)).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(folder, file)).href)) as { default?: Scenario };
    const scenario = module.default;
    if (!scenario || typeof scenario.run !== 'function' || typeof scenario.name !== 'string') {
      throw new Error(`${join(dir, file)} must \`export default defineScenario({ name, description, run })\``);
    }
    scenarios.push(scenario);
  }
  return scenarios;
}

/** Built-in scenarios plus the user's; a user scenario may not reuse a name. */
export async function catalog(userDir: string): Promise<Scenario[]> {
  const all = [...BUILT_IN, ...(await loadUserScenarios(userDir))];
  const seen = new Set<string>();
  for (const scenario of all) {
    if (seen.has(scenario.name)) throw new Error(`two scenarios are named "${scenario.name}"`);
    seen.add(scenario.name);
  }
  return all;
}

/** `all`, or the one scenario named; an unknown name lists the known ones. */
export function select(scenarios: Scenario[], name: string): Scenario[] {
  if (name === 'all') return scenarios;
  const found = scenarios.find((scenario) => scenario.name === name);
  if (!found) throw new Error(`no scenario named "${name}"; known: ${scenarios.map((s) => s.name).join(', ')}`);
  return [found];
}
