import { subscriberId, type HeaderMap, type Handset } from './handset.ts';

const KB = 1024;
// jpmobile's Jpmobile::Mobile::Emobile: the `emobile/` browsers, the H11T's NetFront and the S11HT's IE Mobile 7.7.
const EMOBILE = /^emobile\/|^Mozilla\/5\.0 \(H11T; like Gecko; OpenBrowser\) NetFront\/3\.4$|^Mozilla\/4\.0 \(compatible; MSIE 6\.0; Windows CE; IEMobile 7\.7\) S11HT$/;
const MODEL = /\((H11T|S11HT)\b|\) (S11HT)$/;
/** Unverified: the carrier published no page limit; NetFront 3.4 and IE Mobile take far more than this. */
const CACHE_KB = 100;

/** EMOBILE (イー・モバイル) handsets: UTF-8 pages like jpmobile, no cookies, no Java runtime for the token. */
export function detectEmobile(userAgent: string, headers: HeaderMap): Handset | null {
  if (!EMOBILE.test(userAgent)) return null;
  const match = MODEL.exec(userAgent);
  return {
    carrier: 'emobile',
    family: 'emobile',
    model: match?.[1] ?? match?.[2] ?? null,
    deviceId: null,
    name: null,
    markup: 'xhtml',
    browser2: false,
    encoding: 'utf-8',
    cacheBytes: CACHE_KB * KB,
    screen: null,
    cookies: false,
    app: 'none',
    // EMnet's user id (jpmobile's em_uid), e.g. `u00000000000000000`.
    subscriberId: subscriberId(headers['x-em-uid'], /^[0-9A-Za-z]{8,32}$/),
  };
}
