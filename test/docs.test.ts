import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGatewayProcess } from './helpers/gateway-process.ts';
import { demoDataDir } from './helpers/demo-data.ts';

/** README and docs/ must be true for a fresh clone: no pointers outside it, links that resolve. */
const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return name === 'golden' || name === 'screenshots' ? [] : files(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const DOCS = ['README.md', ...files('docs', /\.md$/)];

describe('README and docs/', () => {
  it('never point to files a clone does not have (../shared, DESIGN.md)', () => {
    const sources = [...DOCS, ...['gateway', 'handset', 'emulator', 'test', 'scenarios'].flatMap((dir) => files(dir, /\.(ts|tsx)$/))];
    const offenders = sources.filter((path) => path !== relative(ROOT, import.meta.filename) && /DESIGN\.md|\.\.\/shared|shared\/(seeds|reference)/.test(read(path)));
    expect(offenders).toEqual([]);
  });

  it('link only to files that exist', () => {
    for (const doc of DOCS) {
      for (const [, target] of read(doc).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^https?:/.test(target!)) continue;
        expect(existsSync(join(ROOT, dirname(doc), target!)), `${doc} → ${target}`).toBe(true);
      }
    }
  });

  it('document every portal screen id in the contracts and the README', () => {
    const ids = new Set(files('gateway/portal', /\.tsx$/).flatMap((path) => [...read(path).matchAll(/screenId="([A-Z]{3}\d{3})"/g)].map((match) => match[1]!)));
    expect(ids.size).toBeGreaterThan(15);
    for (const id of ids) {
      expect(read('docs/contracts.md'), id).toContain(id);
      expect(read('README.md'), id).toMatch(new RegExp(`\\| ${id} \\|`));
    }
  });

  it('say what `npm start` prints: the URLs it prints are in the README table, as many as it says', async () => {
    const gateway = await startGatewayProcess({ DATA_DIR: await demoDataDir() });
    // The URL list follows the first line; its last line names the data folder.
    for (let tries = 0; tries < 50 && !/^ +data:/m.test(gateway.output()); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    const printed = [...gateway.output().matchAll(/^ +[^:]+: +(http:\/\/\S+)/gm)].map((match) => new URL(match[1]!.replace('<address>', 'x')).pathname.replace(/x$/, '<address>'));
    gateway.child.kill('SIGTERM');
    await once(gateway.child, 'exit');
    const readme = read('README.md');
    expect(printed.length, gateway.output()).toBeGreaterThan(0);
    for (const path of printed) expect(readme).toContain(`| \`http://localhost:8787${path}`);
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
    const claimed = /`npm start` prints the gateway's address and (\w+) of these URLs/.exec(readme)?.[1];
    expect(claimed).toBe(words[printed.length]);
  }, 30_000);
});
