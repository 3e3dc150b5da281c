// The gateway precompiled: one ESM file, dist/gateway.js, that `npm start` runs without tsx.
// Plain JavaScript so that it runs before anything is compiled (`npm install` → prepare).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const OUTPUT = join(DIST, 'gateway.js');
/** Every source file the bundle was built from: start-up rebuilds when one is newer. */
export const INPUTS = join(DIST, 'inputs.json');

/**
 * A module that finds its neighbours through `import.meta.url` (the browser bundles' entries) would
 * look beside dist/gateway.js once bundled: its own source location is written in instead, relative
 * to the bundle so that a moved checkout still works.
 */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const own = `new URL(${JSON.stringify(relative(DIST, args.path).split('\\').join('/'))}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', own), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Builds into memory, then moves each file into place by rename: gateways started at the same time
 * (scenario runs, tests) may build at once, and none ever loads a half-written file.
 */
export async function buildGateway() {
  const result = await build({
    entryPoints: [join(ROOT, 'gateway/main.ts')],
    outfile: OUTPUT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // esbuild runs a native binary it finds next to its own package; nodemailer (half the code) is
    // imported only when SMTP is configured. Both load from node_modules when needed; the rest is bundled.
    external: ['esbuild', 'nodemailer'],
    // Bundled CommonJS packages call require(): give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [keepImportMetaUrl],
  });
  const inputs = Object.keys(result.metafile.inputs).map((path) => relative(ROOT, join(process.cwd(), path)));
  const files = [...result.outputFiles.map((file) => [file.path, file.contents]), [INPUTS, `${JSON.stringify(inputs, null, 1)}\n`]];
  await mkdir(DIST, { recursive: true });
  for (const [path, contents] of files) {
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, contents);
    await rename(temporary, path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildGateway();
  console.log(`built ${relative(process.cwd(), OUTPUT)} in ${Math.round(performance.now() - started)} ms`);
}
