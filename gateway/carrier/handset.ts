/** What the gateway knows about the phone behind a request, derived from its headers alone. */
export type Carrier = 'docomo' | 'au' | 'softbank' | 'willcom' | 'emobile' | 'smartphone' | 'pc' | 'unknown';
/** i-mode HTML (CHTML), carrier XHTML, HDML (au WAP 1.0) or HTML5 for modern browsers. */
export type Markup = 'chtml' | 'xhtml' | 'hdml' | 'html5';
export type Encoding = 'shift_jis' | 'utf-8';
/** How the token app can run: i-appli (DoJa), MIDP (au, SoftBank), the web token page, or not at all. */
export type AppProfile = 'doja' | 'midp' | 'web' | 'none';

export interface Handset {
  carrier: Carrier;
  /** Browser family within the carrier: mova, foma, phs, wap1, wap2, win, tuka, c, p, w, 3gc, willcom, emobile, featurephone, smartphone, pc, unknown. */
  family: string;
  model: string | null;
  /** au's 4-character device id (e.g. CA32). */
  deviceId: string | null;
  /** Marketed name when the user agent does not carry it (au). */
  name: string | null;
  markup: Markup;
  /** True for docomo's i-mode browser 2.0 (XHTML, cookies, 500 KB pages). */
  browser2: boolean;
  encoding: Encoding;
  /** Largest page the handset accepts, in bytes. */
  cacheBytes: number;
  screen: { width: number; height: number } | null;
  cookies: boolean;
  app: AppProfile;
  /** iモードID, EZ number, J-PHONE UID or EMnet user id when the handset sent one. */
  subscriberId: string | null;
}

/** Request headers with lower-case names. */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

export function parseScreen(value: string | undefined, separator: RegExp): Handset['screen'] {
  const match = value?.match(new RegExp(`^\\s*(\\d{2,4})\\s*${separator.source}\\s*(\\d{2,4})`));
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null;
}

/** A subscriber id is only trusted when it looks like one: never echo arbitrary header text. */
export function subscriberId(value: string | undefined, pattern: RegExp): string | null {
  const trimmed = value?.trim();
  return trimmed && pattern.test(trimmed) ? trimmed : null;
}
