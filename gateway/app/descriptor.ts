import { APP_NAME, APP_VENDOR, APP_VERSION, CLDC_CONFIGURATION, DOJA_CLASS, MIDLET_CLASS, MIDP_PROFILE } from '../../handset/java/package.ts';
import type { AppPackage } from './catalog.ts';
import type { AppCarrier } from './paths.ts';
import type { JavaProfile } from './profile.ts';

/** ScratchPad / record store bytes: the token's `key=value` lines fit easily. */
export const STORAGE_BYTES = 1024;
/**
 * Emulator-only attribute naming the TypeScript twin of the built-in app (the emulator does not run
 * Java bytecode). Handsets ignore attributes they do not know; they never get the script as a JAR.
 */
export const TWIN_ATTRIBUTE = 'X-Ketai-Twin';

export interface DescriptorOptions {
  /** Absolute JAR URL on the page's own host: an i-appli may only connect back to that host. */
  packageUrl: string;
  /** The issuance binding (the download ticket) the app sends with 初期設定; absent for バージョンアップ. */
  binding?: string | undefined;
  /** URL of the emulator's TypeScript twin, for the built-in package only. */
  twinUrl?: string | undefined;
  /** The business bank's サービスID: it starts the app in business mode, where it enrols itself (docs/business.md). */
  serviceId?: string | undefined;
}

/**
 * The i-appli ADF for one handset's DoJa profile: `Key = Value` lines, a blank line at the end; the
 * caller encodes it as Shift_JIS and sends its Content-Length. `ProfileVer` / `ConfigurationVer`
 * are the handset's own (a handset refuses a higher one); the app itself needs only DoJa-1.0.
 */
export function jam(item: AppPackage, profile: JavaProfile, options: DescriptorOptions): string {
  const lines: Array<[string, string]> = [
    ['AppName', APP_NAME],
    ['AppVer', APP_VERSION],
    ['PackageURL', options.packageUrl],
    ['AppSize', String(item.bytes.length)],
    ['AppClass', DOJA_CLASS],
    ...(options.binding ? [['AppParam', options.binding] as [string, string]] : options.serviceId ? [['AppParam', `serviceId=${options.serviceId}`] as [string, string]] : []),
    ['LastModified', adfDate(item.lastModified)],
    ['SPsize', String(STORAGE_BYTES)],
    ['UseNetwork', 'http'],
    ['ConfigurationVer', profile.configuration],
    ['ProfileVer', profile.profile],
    ...twin(options),
  ];
  return `${lines.map(([key, value]) => `${key} = ${value}`).join('\r\n')}\r\n\r\n`;
}

/**
 * A JAD (UTF-8) for the carrier and the handset's MIDP version. The MIDlet attributes repeat the
 * JAR manifest's (MIDP-1.0 / CLDC-1.0: the app needs no more); MIDP 2 handsets also get the HTTP
 * permission. au's EZアプリ need an AllowURL entry to use HTTP at all; SoftBank's JSCL (MIDP 1.0)
 * handsets require MIDlet-OCL and read MIDxlet-Network (S!アプリ development notes).
 */
export function jad(item: AppPackage, carrier: Exclude<AppCarrier, 'docomo'>, profile: JavaProfile, options: DescriptorOptions): string {
  const origin = new URL(options.packageUrl).origin;
  const midp2 = profile.profile === 'MIDP-2.0';
  const lines: Array<[string, string]> = [
    ['MIDlet-Name', APP_NAME],
    ['MIDlet-Version', APP_VERSION],
    ['MIDlet-Vendor', APP_VENDOR],
    ['MIDlet-Jar-URL', options.packageUrl],
    ['MIDlet-Jar-Size', String(item.bytes.length)],
    ['MIDlet-1', `${APP_NAME},,${MIDLET_CLASS}`],
    ['MicroEdition-Profile', MIDP_PROFILE],
    ['MicroEdition-Configuration', CLDC_CONFIGURATION],
    ['MIDlet-Data-Size', String(STORAGE_BYTES)],
    ...(midp2 ? [['MIDlet-Permissions', 'javax.microedition.io.Connector.http'] as [string, string]] : []),
    ...(carrier === 'au'
      ? ([['MIDlet-X-AllowURL-1', `${origin}/m/app/`], ['MIDlet-X-Storage-Size', String(STORAGE_BYTES)]] as Array<[string, string]>)
      : ([['MIDxlet-Network', 'Y'], ...(midp2 ? [] : [['MIDlet-OCL', 'JSCL-1.1.0']])] as Array<[string, string]>)),
    ...(options.binding ? [['Ketai-Binding', options.binding] as [string, string]] : []),
    ...(options.serviceId ? [['KT-Service-Id', options.serviceId] as [string, string]] : []),
    ...twin(options),
  ];
  return `${lines.map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n`;
}

function twin(options: DescriptorOptions): Array<[string, string]> {
  return options.twinUrl ? [[TWIN_ATTRIBUTE, options.twinUrl]] : [];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Mon, 07 Nov 2005 16:00:00` in Japan time: the ADF's LastModified carries no zone. */
export function adfDate(date: Date): string {
  const japan = new Date(date.getTime() + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[japan.getUTCDay()]}, ${pad(japan.getUTCDate())} ${MONTHS[japan.getUTCMonth()]} ${japan.getUTCFullYear()} ` +
    `${pad(japan.getUTCHours())}:${pad(japan.getUTCMinutes())}:${pad(japan.getUTCSeconds())}`
  );
}
