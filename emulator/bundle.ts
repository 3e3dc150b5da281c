const cache = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/**
 * Bundles a browser entry (TypeScript, jsx-dom) into one minified IIFE, once per process: `npm start`
 * needs no build step. A failed build is not cached, so a fix shows on the next request.
 */
export function bundleBrowserEntry(entry: string): Promise<Uint8Array<ArrayBuffer>> {
  let bundle = cache.get(entry);
  if (!bundle) {
    // esbuild is loaded on the first bundle, not at start-up: parsing it costs the gateway's start.
    bundle = import('esbuild').then(({ build }) => build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      minify: true,
      target: 'es2020',
      platform: 'browser',
      charset: 'utf8',
      legalComments: 'none',
    })).then((result) => new Uint8Array(result.outputFiles[0]!.contents));
    bundle.catch(() => cache.delete(entry));
    cache.set(entry, bundle);
  }
  return bundle;
}
