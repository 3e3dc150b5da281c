/**
 * The app manager's descriptor check, as a handset does it before and after fetching the package:
 * i-appli ADF (`.jam`, `Key = Value`) or MIDP JAD (`.jad`, `Key: Value`). Messages are the phone's.
 */
export interface AppDescriptor {
  type: 'jam' | 'jad';
  name: string;
  packageUrl: string;
  size: number;
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
const JAD_REQUIRED = ['MIDlet-Name', 'MIDlet-Version', 'MIDlet-Vendor', 'MIDlet-Jar-URL', 'MIDlet-Jar-Size', 'MicroEdition-Profile', 'MicroEdition-Configuration'];

export function parseDescriptorText(type: 'jam' | 'jad', text: string): Map<string, string> {
  const separator = type === 'jam' ? '=' : ':';
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at > 0) map.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return map;
}

export function checkDescriptor(type: 'jam' | 'jad', text: string, descriptorUrl: string, limits: DeviceLimits): Checked<AppDescriptor> {
  const noun = type === 'jam' ? 'iアプリ' : 'アプリ';
  if (limits.profile === 'web' || (type === 'jam') !== limits.profile.startsWith('doja')) {
    return { ok: false, message: `この端末では利用できない${noun}です。` };
  }
  const keys = parseDescriptorText(type, text);
  const missing = (type === 'jam' ? JAM_REQUIRED : JAD_REQUIRED).find((key) => !keys.get(key));
  if (missing) return { ok: false, message: `${noun}の情報が正しくありません（${missing}）。ダウンロードを中止しました。` };
  if (type === 'jad' && limits.profile === 'midp-1.0' && keys.get('MicroEdition-Profile') !== 'MIDP-1.0') {
    return { ok: false, message: 'この端末では利用できないアプリです。' };
  }
  const sizeText = keys.get(type === 'jam' ? 'AppSize' : 'MIDlet-Jar-Size')!;
  const size = /^\d{1,9}$/.test(sizeText) ? Number(sizeText) : NaN;
  if (!Number.isInteger(size) || size <= 0) return { ok: false, message: `${noun}の情報が正しくありません（サイズ）。ダウンロードを中止しました。` };
  if (size > limits.maxAppBytes) return { ok: false, message: `${noun}のサイズが大きすぎるため、この端末ではダウンロードできません。` };
  let packageUrl: URL;
  try {
    packageUrl = new URL(keys.get(type === 'jam' ? 'PackageURL' : 'MIDlet-Jar-URL')!, descriptorUrl);
  } catch {
    return { ok: false, message: `${noun}の情報が正しくありません（URL）。ダウンロードを中止しました。` };
  }
  if (packageUrl.host !== new URL(descriptorUrl).host) {
    return { ok: false, message: `ダウンロード元と異なるサーバの${noun}はダウンロードできません。` };
  }
  const serviceId = type === 'jam' ? /(?:^|\s)serviceId=(\S+)/.exec(keys.get('AppParam') ?? '')?.[1] : keys.get('KT-Service-Id');
  return { ok: true, value: { type, name: keys.get(type === 'jam' ? 'AppName' : 'MIDlet-Name')!, packageUrl: packageUrl.href, size, ...(serviceId ? { serviceId } : {}) } };
}

/** After the download: the package must be exactly the size the descriptor announced. */
export function checkPackage(descriptor: AppDescriptor, bytes: Uint8Array): Checked<Uint8Array> {
  if (bytes.length !== descriptor.size) {
    return { ok: false, message: 'ファイルサイズが一致しないため、ダウンロードを中止しました。' };
  }
  return { ok: true, value: bytes };
}
