// Runs one of dist/'s precompiled entries (scripts/build.js) in this very process, so signals reach it
// directly. A missing or stale build (a source file newer than it) is rebuilt first, in about half a
// second; only when building fails does the entry run from source through tsx.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Every source file the entries were built from: a start rebuilds when one is newer. */
export const INPUTS = join(DIST, 'inputs.json');
/** Each entry, `dist/<name>.js`, and the source it is built from (relative to the checkout). */
export const ENTRIES = { gateway: 'gateway/main.ts', 'gateway-host': 'emulator/driver/gateway-host.ts' };

function buildIsFresh(output) {
  try {
    const builtAt = statSync(INPUTS).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return statSync(output).isFile() && inputs.every((input) => statSync(join(ROOT, input)).mtimeMs <= builtAt);
  } catch {
    return false; // no build yet, or an input is gone
  }
}

/** The URL to import for entry `name` of ENTRIES. */
export async function builtEntry(name) {
  const output = join(DIST, `${name}.js`);
  if (buildIsFresh(output)) return pathToFileURL(output).href;
  try {
    const { buildGateway } = await import('./build.js');
    await buildGateway();
    return pathToFileURL(output).href;
  } catch (error) {
    console.error(`ketai-token: could not build dist/${name}.js (${error instanceof Error ? error.message : String(error)}); running from source with tsx`);
    const { register } = await import('tsx/esm/api');
    register();
    return pathToFileURL(join(ROOT, ENTRIES[name])).href;
  }
}
