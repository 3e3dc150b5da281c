import UAParser from 'ua-parser-js';
import data from './data/modern.json' with { type: 'json' };
import type { Handset } from './handset.ts';

const featurePhoneModels = new Set(data.featurePhoneModels);
// ua-parser-js trims Japanese model numbers (SH-01J → SH-01): read them from the UA itself.
const MODEL_IN_UA = /(?:Android [\d.]+; (?:[a-z]{2}[-_][a-zA-Z]{2}; )?([^;)]{2,40}?)(?: Build\/|\))|^Mozilla\/5\.0 \(Mobile; ([^;)]{2,40});)/;
const BROWSER_BUDGET = 2 * 1024 * 1024;
const DESKTOP_OS = /^(Windows|Mac OS|Linux|Ubuntu|Debian|Fedora|Chromium OS|FreeBSD)$/;
/** IE Mobile outside Windows Phone is Windows Mobile on a phone: jpmobile calls it neither smartphone nor PC. */
const WINDOWS_MOBILE = /IEMobile/;
const WINDOWS_PHONE = /Windows Phone/;

/** Modern browsers (smartphones, 4G feature phones, PCs) via ua-parser-js; null when it is none of them. */
export function detectModern(userAgent: string): Handset | null {
  if (WINDOWS_MOBILE.test(userAgent) && !WINDOWS_PHONE.test(userAgent)) return null;
  const { device, os, browser } = new UAParser(userAgent).getResult();
  const model = modelInUserAgent(userAgent) ?? device.model ?? null;
  const featurePhone = (model !== null && featurePhoneModels.has(model)) || data.featurePhoneSystems.includes((os.name ?? '').toUpperCase());
  const mobile = featurePhone || device.type === 'mobile' || device.type === 'tablet';
  const desktop = !mobile && device.type === undefined && DESKTOP_OS.test(os.name ?? '') && browser.name !== undefined;
  if (!mobile && !desktop) return null;
  return {
    carrier: mobile ? 'smartphone' : 'pc',
    family: featurePhone ? 'featurephone' : mobile ? 'smartphone' : 'pc',
    model: mobile ? model : null,
    deviceId: null,
    name: null,
    markup: 'html5',
    browser2: false,
    encoding: 'utf-8',
    cacheBytes: BROWSER_BUDGET,
    screen: null,
    cookies: true,
    app: mobile ? 'web' : 'none',
    subscriberId: null,
  };
}

function modelInUserAgent(userAgent: string): string | undefined {
  const match = MODEL_IN_UA.exec(userAgent);
  return (match?.[1] ?? match?.[2])?.trim();
}
