// `npm test`: the type check and the tests side by side, as the type check needs a core for only
// a few seconds of a run the tests keep CPU-bound anyway. Fails when either fails; the type check's
// report comes after the tests' so that the two do not interleave. Arguments go to vitest.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin');

const typecheck = spawn(join(BIN, 'tsc'), ['--noEmit', '-p', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
let report = '';
typecheck.stdout.on('data', (chunk) => (report += chunk));
typecheck.stderr.on('data', (chunk) => (report += chunk));
const checked = once(typecheck, 'close');

const tests = spawn(join(BIN, 'vitest'), ['run', ...process.argv.slice(2)], { stdio: 'inherit' });
const [testsCode] = await once(tests, 'close');
const [typeCode] = await checked;
if (typeCode !== 0) process.stderr.write(`\ntsc --noEmit -p . failed (exit ${typeCode}):\n${report}`);
process.exit(typeCode !== 0 ? 1 : (testsCode ?? 1));
