import data from './data/au-devices.json' with { type: 'json' };
import { parseScreen, subscriberId, type HeaderMap, type Handset } from './handset.ts';

// Anchored at the start: some Vodafone user agents also mention UP.Browser (jpmobile).
const WAP2 = /^KDDI-([A-Z0-9]{4}) UP\.Browser\/(\d+)/;
const WAP1 = /^UP\.Browser\/(\d+)[\d.]*-([A-Z0-9]{4})/;
const names = new Map(Object.entries(data.devices));
/** Page budgets when X-UP-DEVCAP-MAX-PDU is missing (unverified: conservative figures for the generation). */
const DEFAULT_PDU = { win: 100 * 1024, wap2: 9000, tuka: 9000, wap1: 8000 } as const;
/**
 * WIN handsets before the 2007 spring models run BREW apps only: KDDI added the Java "オープンアプリプレイヤー"
 * (MIDP 2.0) from W51x and said current handsets would not get it (KDDI, 2006-10-10).
 */
const BREW_ONLY = /^W[1-4]\d/;

/** au / KDDI / TU-KA EZweb: `KDDI-<devid> UP.Browser/6…` (XHTML) or `UP.Browser/3.04-<devid>` (HDML era). */
export function detectAu(userAgent: string, headers: HeaderMap): Handset | null {
  const wap2 = WAP2.exec(userAgent);
  const wap1 = wap2 ? null : WAP1.exec(userAgent);
  if (!wap2 && !wap1) return null;
  const deviceId = wap2 ? wap2[1]! : wap1![2]!;
  const tuka = deviceId[2] === 'T' || deviceId[2] === 'U';
  const family = !wap2 ? 'wap1' : tuka ? 'tuka' : /[3-9]/.test(deviceId[2]!) ? 'win' : 'wap2';
  const pdu = Number(headers['x-up-devcap-max-pdu']);
  const name = names.get(deviceId) ?? null;
  return {
    carrier: 'au',
    family,
    model: deviceId,
    deviceId,
    name,
    markup: wap2 ? 'xhtml' : 'hdml',
    browser2: false,
    encoding: 'shift_jis',
    cacheBytes: Number.isInteger(pdu) && pdu >= 1000 && pdu <= 1 << 24 ? pdu : DEFAULT_PDU[family],
    screen: parseScreen(headers['x-up-devcap-screenpixels'], /,/),
    cookies: true,
    // UP.Browser 3–5 handsets speak HDML only and predate EZアプリ(J): no app, no XHTML page.
    // Only WIN handsets with オープンアプリ run a MIDP JAD: 1X ezplus handsets take KDDI's KJX (not built), BREW-only WINs no Java.
    app: family === 'win' && !(name !== null && BREW_ONLY.test(name)) ? 'midp' : 'none',
    subscriberId: subscriberId(headers['x-up-subno'], /^[0-9A-Za-z_.-]{14,40}$/),
  };
}
