import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { DIST, JAR_FILES } from '../../handset/java/dist.ts';
import { readZipDirectory } from '../../emulator/zip.ts';
import { APP_CARRIERS, type AppCarrier } from './paths.ts';

export interface AppPackage {
  bytes: Uint8Array<ArrayBuffer>;
  /** The package's own date: the built-in JAR's entry stamp, a vendor file's mtime. */
  lastModified: Date;
  /** Where the bytes come from: `built-in` or the vendor file's path (for operators, never for handsets). */
  source: string;
}

export interface PackageCatalog {
  get(tenantId: string, carrier: AppCarrier): Promise<AppPackage>;
  /**
   * What `get` would give, when that is already in memory and needs no look at the disk (a built-in
   * package once read; a vendor file is checked for changes on every `get`); otherwise undefined.
   */
  ready?(tenantId: string, carrier: AppCarrier): AppPackage | undefined;
}

export class PackageConfigError extends Error {
  override name = 'PackageConfigError';
}

type VendorFiles = Record<string, Partial<Record<AppCarrier, string>>>;

/**
 * The token app's package per tenant and carrier. By default docomo gets the built-in DoJa JAR and
 * au / SoftBank the MIDP JAR (`handset/java/dist`, committed; `npm run build:java` rebuilds them);
 * `DATA_DIR/packages.json` can map a tenant id (or `*` for all) and carrier to a vendor package file,
 * e.g. `{ "*": { "docomo": "packages/token-doja.jar" } }` (relative paths are under DATA_DIR).
 * Descriptors are computed from whichever file is served, so `AppSize` always matches.
 */
export function createPackageCatalog(options: { dataDir: string }): PackageCatalog {
  const vendorFiles = readVendorFiles(options.dataDir);
  const builtIns = new Map<string, Promise<AppPackage>>();
  const builtInsRead = new Map<string, AppPackage>();
  const vendorPath = (tenantId: string, carrier: AppCarrier) => vendorFiles[tenantId]?.[carrier] ?? vendorFiles['*']?.[carrier];
  const builtInFile = (carrier: AppCarrier) => JAR_FILES[carrier === 'docomo' ? 'doja' : 'midp'];
  const vendorCache = new Map<string, { mtimeMs: number; item: AppPackage }>();

  async function vendor(path: string): Promise<AppPackage> {
    const info = await stat(path);
    const cached = vendorCache.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached.item;
    const item = { bytes: new Uint8Array(await readFile(path)), lastModified: info.mtime, source: path };
    vendorCache.set(path, { mtimeMs: info.mtimeMs, item });
    return item;
  }

  return {
    get(tenantId, carrier) {
      const path = vendorPath(tenantId, carrier);
      if (path) return vendor(isAbsolute(path) ? path : join(options.dataDir, path));
      const file = builtInFile(carrier);
      let builtIn = builtIns.get(file);
      if (!builtIn) {
        builtIn = readBuiltIn(join(DIST, file));
        // A missing file is retried on the next request instead of being cached.
        builtIn.then(
          (item) => builtInsRead.set(file, item),
          () => builtIns.delete(file),
        );
        builtIns.set(file, builtIn);
      }
      return builtIn;
    },
    ready(tenantId, carrier) {
      return vendorPath(tenantId, carrier) ? undefined : builtInsRead.get(builtInFile(carrier));
    },
  };
}

async function readBuiltIn(path: string): Promise<AppPackage> {
  const bytes = new Uint8Array(await readFile(path));
  const entries = readZipDirectory(bytes);
  if (!entries?.length) throw new Error(`${path} is not a JAR`);
  const stamp = Math.max(...entries.map((entry) => entry.modified.getTime()));
  return { bytes, lastModified: new Date(stamp), source: 'built-in' };
}

function readVendorFiles(dataDir: string): VendorFiles {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'packages.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PackageConfigError(`${join(dataDir, 'packages.json')} is not valid JSON`);
  }
  if (!isRecord(parsed)) throw new PackageConfigError('packages.json must map tenant ids to { docomo, au, softbank } file paths');
  for (const [tenant, files] of Object.entries(parsed)) {
    if (!isRecord(files)) throw new PackageConfigError(`packages.json: "${tenant}" must be an object`);
    for (const [carrier, path] of Object.entries(files)) {
      if (!APP_CARRIERS.includes(carrier as AppCarrier) || typeof path !== 'string' || !path) {
        throw new PackageConfigError(`packages.json: "${tenant}.${carrier}" must be a carrier (docomo, au, softbank) with a file path`);
      }
    }
  }
  return parsed as VendorFiles;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
