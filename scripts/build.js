// The gateway precompiled, as ESM files that run without tsx (scripts/launch.js): dist/gateway.js,
// what `npm start` runs, and dist/gateway-host.js, the scenario runner's gateway host.
// Plain JavaScript so that it runs before anything is compiled (`npm install` → prepare).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DIST, ENTRIES, INPUTS, ROOT } from './launch.js';

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
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, join(ROOT, source)])),
    outdir: DIST,
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
  console.log(`built ${Object.keys(ENTRIES).map((name) => relative(process.cwd(), join(DIST, `${name}.js`))).join(', ')} in ${Math.round(performance.now() - started)} ms`);
}
