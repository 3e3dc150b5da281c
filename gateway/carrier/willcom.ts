import type { Handset } from './handset.ts';

const KB = 1024;
// Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0 and the older DDIPOCKET form.
const WILLCOM = /^Mozilla\/\d\.\d\((?:WILLCOM|DDIPOCKET);[^/;)]+\/([^/;)]+)(?:[^)]*?\/[Cc](\d{1,4})\))?/;
const DEFAULT_CACHE_KB = 50;

/** WILLCOM / DDI POCKET PHS browsers: full HTML in Shift_JIS; no supported Java runtime for the token. */
export function detectWillcom(userAgent: string): Handset | null {
  const match = WILLCOM.exec(userAgent);
  if (!match) return null;
  return {
    carrier: 'willcom',
    family: 'willcom',
    model: match[1]!.split(',')[0]!,
    deviceId: null,
    name: null,
    markup: 'xhtml',
    browser2: false,
    encoding: 'shift_jis',
    cacheBytes: Number(match[2] ?? DEFAULT_CACHE_KB) * KB,
    screen: null,
    cookies: true,
    app: 'none',
    subscriberId: null,
  };
}
