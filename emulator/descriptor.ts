import { classEntry, readZipDirectory } from './zip.ts';

/**
 * The app manager's checks, as a handset does them before and after fetching the package:
 * i-appli ADF (`.jam`, `Key = Value`) or MIDP JAD (`.jad`, `Key: Value`). Messages are the phone's.
 */
export interface AppDescriptor {
  type: 'jam' | 'jad';
  name: string;
  packageUrl: string;
  size: number;
  /** `AppClass`, or the class of `MIDlet-1`: the package must contain it. */
  entryClass: string;
  /** ScratchPad (`SPsize`) or record store (`MIDlet-Data-Size`) bytes the app asked for. */
  storageBytes: number;
  /** The issuance binding (`AppParam` / `Ketai-Binding`) the app sends with 初期設定. */
  binding: string | null;
  /** The emulator-only `X-Ketai-Twin`: the TypeScript twin of the built-in app, on the same host. */
  twinUrl: string | null;
  /** The business bank's サービスID the app starts with (ADF `AppParam serviceId=…`, JAD `KT-Service-Id`). */
  serviceId?: string;
}

export interface DeviceLimits {
  /** `doja-…`, `midp-1.0`, `midp-2.0` or `web` (no Java). */
  profile: string;
  maxAppBytes: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const JAM_REQUIRED = ['AppName', 'PackageURL', 'AppSize', 'AppClass', 'LastModified'];
const JAD_REQUIRED = ['MIDlet-Name', 'MIDlet-Version', 'MIDlet-Vendor', 'MIDlet-Jar-URL', 'MIDlet-Jar-Size', 'MIDlet-1', 'MicroEdition-Profile', 'MicroEdition-Configuration'];
const KB = 1024;

export function parseDescriptorText(type: 'jam' | 'jad', text: string): Map<string, string> {
  const separator = type === 'jam' ? '=' : ':';
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at > 0) map.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return map;
}

/** `DoJa-3.5` / `MIDP-2.0` / `doja-5.1` → 3.5, 2.0, 5.1 (NaN when it is not a version). */
function version(text: string | undefined, family: 'doja' | 'midp'): number {
  const match = new RegExp(`^${family}-(\\d+\\.\\d+)$`, 'i').exec(text ?? '');
  return match ? Number(match[1]) : NaN;
}

/** CLDC 1.1 (floating point) came with DoJa-4.0 and MIDP 2 handsets. */
function deviceCldc(limits: DeviceLimits): number {
  return version(limits.profile, 'doja') >= 4 || limits.profile === 'midp-2.0' ? 1.1 : 1.0;
}

/** ScratchPad per DoJa generation: 10 KB on DoJa-1.0, 100 KB to DoJa-3.0, 400 KB to 4.x, 1 MB from DoJa-5.0. */
function scratchPadLimit(doja: number): number {
  return doja < 2 ? 10 * KB : doja < 3.5 ? 100 * KB : doja < 5 ? 400 * KB : 1024 * KB;
}

export function checkDescriptor(type: 'jam' | 'jad', text: string, descriptorUrl: string, limits: DeviceLimits): Checked<AppDescriptor> {
  const noun = type === 'jam' ? 'iアプリ' : 'アプリ';
  const wrongDevice = { ok: false as const, message: `この端末では利用できない${noun}です。` };
  const family = type === 'jam' ? 'doja' : 'midp';
  const device = version(limits.profile, family);
  if (Number.isNaN(device)) return wrongDevice;
  const keys = parseDescriptorText(type, text);
  const broken = (what: string) => ({ ok: false as const, message: `${noun}の情報が正しくありません（${what}）。ダウンロードを中止しました。` });
  const missing = (type === 'jam' ? JAM_REQUIRED : JAD_REQUIRED).find((key) => !keys.get(key));
  if (missing) return broken(missing);
  // A handset refuses a descriptor asking for a newer profile or configuration than its own.
  const wanted = keys.get(type === 'jam' ? 'ProfileVer' : 'MicroEdition-Profile');
  if (wanted !== undefined && !(version(wanted, family) <= device)) return wrongDevice;
  const cldc = /^CLDC-(\d+\.\d+)$/.exec(keys.get(type === 'jam' ? 'ConfigurationVer' : 'MicroEdition-Configuration') ?? 'CLDC-1.0');
  if (!cldc || Number(cldc[1]) > deviceCldc(limits)) return wrongDevice;
  const size = count(keys.get(type === 'jam' ? 'AppSize' : 'MIDlet-Jar-Size'));
  if (!(size > 0)) return broken('サイズ');
  if (size > limits.maxAppBytes) return { ok: false, message: `${noun}のサイズが大きすぎるため、この端末ではダウンロードできません。` };
  const storageBytes = count(keys.get(type === 'jam' ? 'SPsize' : 'MIDlet-Data-Size') ?? '0');
  if (Number.isNaN(storageBytes)) return broken(type === 'jam' ? 'SPsize' : 'MIDlet-Data-Size');
  if (type === 'jam' && storageBytes > scratchPadLimit(device)) return { ok: false, message: 'スクラッチパッドのサイズが大きすぎるため、この端末ではダウンロードできません。' };
  const entryClass = type === 'jam' ? keys.get('AppClass')! : (keys.get('MIDlet-1')!.split(',')[2] ?? '').trim();
  if (!entryClass) return broken('MIDlet-1');
  const sameHost = (value: string | undefined): URL | null | 'foreign' => {
    if (!value) return null;
    try {
      const url = new URL(value, descriptorUrl);
      return url.host === new URL(descriptorUrl).host ? url : 'foreign';
    } catch {
      return 'foreign';
    }
  };
  const packageUrl = sameHost(keys.get(type === 'jam' ? 'PackageURL' : 'MIDlet-Jar-URL'));
  if (packageUrl === 'foreign' || !packageUrl) return { ok: false, message: `ダウンロード元と異なるサーバの${noun}はダウンロードできません。` };
  const twin = sameHost(keys.get('X-Ketai-Twin'));
  // A business app starts with its bank's サービスID (ADF `AppParam = serviceId=…`, JAD `KT-Service-Id`).
  const appParam = keys.get('AppParam') ?? '';
  const serviceId = type === 'jam' ? /^serviceId=(\S+)$/.exec(appParam)?.[1] : keys.get('KT-Service-Id');
  return {
    ok: true,
    value: {
      type,
      name: keys.get(type === 'jam' ? 'AppName' : 'MIDlet-Name')!,
      packageUrl: packageUrl.href,
      size,
      entryClass,
      storageBytes,
      binding: (type === 'jam' ? (appParam.startsWith('serviceId=') ? '' : appParam) : keys.get('Ketai-Binding')) || null,
      ...(serviceId ? { serviceId } : {}),
      twinUrl: twin instanceof URL ? twin.href : null,
    },
  };
}

function count(text: string | undefined): number {
  return /^\d{1,9}$/.test(text ?? '') ? Number(text) : NaN;
}

/** After the download: exactly the announced size, a JAR (ZIP), holding the entry class. */
export function checkPackage(descriptor: AppDescriptor, bytes: Uint8Array): Checked<Uint8Array> {
  if (bytes.length !== descriptor.size) {
    return { ok: false, message: 'ファイルサイズが一致しないため、ダウンロードを中止しました。' };
  }
  const entries = readZipDirectory(bytes);
  if (!entries) return { ok: false, message: 'アプリのファイルが壊れているため、ダウンロードを中止しました。' };
  if (!entries.some((entry) => entry.name === classEntry(descriptor.entryClass))) {
    return { ok: false, message: `アプリのファイルが正しくありません（${descriptor.entryClass}がありません）。ダウンロードを中止しました。` };
  }
  return { ok: true, value: bytes };
}
