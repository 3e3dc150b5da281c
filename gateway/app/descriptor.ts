import type { AppPackage } from './catalog.ts';
import type { AppCarrier } from './paths.ts';

export const APP_NAME = 'OTPトークン';
export const APP_VERSION = '1.0.0';
/** Entry point class named in the descriptors (the emulator's app manager runs the bundle regardless). */
const APP_CLASS = 'KetaiToken';
/** ScratchPad / record store bytes: serial, sealed secret, policy and clock drift fit easily. */
export const STORAGE_BYTES = 1024;

/**
 * What a descriptor tells the app at start-up: the business bank's サービスID puts the app in business
 * mode (docs/business.md). The i-appli reads it from `AppParam`, a MIDlet from its `KT-Service-Id`.
 */
export interface AppParams {
  serviceId?: string;
}

/**
 * The i-appli ADF: `Key = Value` lines, a blank line at the end; the caller encodes it as Shift_JIS
 * and sends its Content-Length. `packageUrl` is absolute on the page's own host: an i-appli may
 * only connect back to the host of its PackageURL.
 */
export function jam(item: AppPackage, packageUrl: string, params: AppParams = {}): string {
  const lines = [
    ['AppName', APP_NAME],
    ['AppVer', APP_VERSION],
    ['PackageURL', packageUrl],
    ['AppSize', String(item.bytes.length)],
    ['AppClass', APP_CLASS],
    ['LastModified', adfDate(item.lastModified)],
    ['SPsize', String(STORAGE_BYTES)],
    ['UseNetwork', 'http'],
    ['ConfigurationVer', 'CLDC-1.1'],
    ['ProfileVer', 'DoJa-5.1'],
    ...(params.serviceId ? [['AppParam', `serviceId=${params.serviceId}`]] : []),
  ];
  return `${lines.map(([key, value]) => `${key} = ${value}`).join('\r\n')}\r\n\r\n`;
}

/** A MIDP 2 JAD (UTF-8) with the carrier's own attributes. */
export function jad(item: AppPackage, jarUrl: string, carrier: Exclude<AppCarrier, 'docomo'>, params: AppParams = {}): string {
  const origin = new URL(jarUrl).origin;
  const lines = [
    ['MIDlet-Name', APP_NAME],
    ['MIDlet-Version', APP_VERSION],
    ['MIDlet-Vendor', 'ketai-token'],
    ['MIDlet-Jar-URL', jarUrl],
    ['MIDlet-Jar-Size', String(item.bytes.length)],
    ['MIDlet-1', `${APP_NAME},,${APP_CLASS}`],
    ['MicroEdition-Profile', 'MIDP-2.0'],
    ['MicroEdition-Configuration', 'CLDC-1.1'],
    ['MIDlet-Permissions', 'javax.microedition.io.Connector.http'],
    ...(carrier === 'au'
      ? // EZアプリ: without an AllowURL entry the app may not use HTTP at all.
        [['MIDlet-X-AllowURL-1', `${origin}/m/app/`], ['MIDlet-X-Storage-Size', String(STORAGE_BYTES)]]
      : [['MIDxlet-Network', 'Y'], ['MIDxlet-ScratchPad-Size', String(STORAGE_BYTES)]]),
    ...(params.serviceId ? [['KT-Service-Id', params.serviceId]] : []),
  ];
  return `${lines.map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n`;
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
