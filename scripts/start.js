// `npm start`: runs the precompiled gateway (dist/gateway.js) in this very process, so signals reach
// it directly. A missing or stale build (a source file newer than it) is rebuilt first, in about a
// quarter second; only when building fails does the gateway run from source through tsx.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, 'dist/gateway.js');
const INPUTS = join(ROOT, 'dist/inputs.json');

function buildIsFresh() {
  try {
    const builtAt = statSync(INPUTS).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return statSync(OUTPUT).isFile() && inputs.every((input) => statSync(join(ROOT, input)).mtimeMs <= builtAt);
  } catch {
    return false; // no build yet, or an input is gone
  }
}

async function entry() {
  if (buildIsFresh()) return pathToFileURL(OUTPUT).href;
  try {
    const { buildGateway } = await import('./build.js');
    await buildGateway();
    return pathToFileURL(OUTPUT).href;
  } catch (error) {
    console.error(`ketai-token: could not build dist/gateway.js (${error instanceof Error ? error.message : String(error)}); running from source with tsx`);
    const { register } = await import('tsx/esm/api');
    register();
    return pathToFileURL(join(ROOT, 'gateway/main.ts')).href;
  }
}

await import(await entry());
