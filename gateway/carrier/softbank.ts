import { parseScreen, subscriberId, type HeaderMap, type Handset } from './handset.ts';

const KB = 1024;
// The model is optional: the first J-PHONE browsers sent `J-PHONE/1.0` alone (HTTP::MobileAgent t/03_j_phone.t).
const JPHONE = /^(?:J-PHONE|J-EMULATOR)\/(\d+)\.\d+(?:\/([^/\s]+))?/i;
const THREE_G = /^(?:Vodafone|SoftBank|Vemulator|Semulator)\/\d+\.\d+\/([^/\s]+)/;
const MOTOROLA = /^MOT(?:EMULATOR)?-([^/\s]+)/;

interface Generation {
  family: 'c' | 'p' | 'w' | '3gc';
  cacheKb: number;
  java: boolean;
}

/**
 * J-PHONE browser version → type (HTTP::MobileAgent): 1.x–3.x C, 4.x P, 5.x W; page budgets from the carrier's
 * guides. Java came with the C4 type, a 3.x browser that says so in `X-JPHONE-JAVA`.
 */
function jphoneGeneration(version: number, headers: HeaderMap): Generation {
  if (version >= 5) return { family: 'w', cacheKb: 200, java: true };
  if (version === 4) return { family: 'p', cacheKb: 12, java: true };
  return { family: 'c', cacheKb: 6, java: version === 3 && Boolean(headers['x-jphone-java']?.trim()) };
}

/** SoftBank, Vodafone, J-PHONE and Motorola 3G handsets (model of a MOT only in X-JPHONE-MSNAME). */
export function detectSoftbank(userAgent: string, headers: HeaderMap): Handset | null {
  const jphone = JPHONE.exec(userAgent);
  const threeG = jphone ? null : THREE_G.exec(userAgent);
  const motorola = jphone || threeG ? null : MOTOROLA.exec(userAgent);
  if (!jphone && !threeG && !motorola) return null;
  const generation: Generation = jphone ? jphoneGeneration(Number(jphone[1]), headers) : { family: '3gc', cacheKb: 300, java: true };
  const msname = headers['x-jphone-msname']?.trim();
  const model = motorola ? (msname && /^[\w-]{2,20}$/.test(msname) ? msname : motorola[1]!) : jphone ? (jphone[2] ?? null) : threeG![1]!;
  const modern = generation.family === 'w' || generation.family === '3gc';
  return {
    carrier: 'softbank',
    family: generation.family,
    model,
    deviceId: null,
    name: null,
    markup: modern ? 'xhtml' : 'chtml',
    browser2: false,
    // Old J-PHONE browsers need Shift_JIS; W and 3G handsets read UTF-8.
    encoding: modern ? 'utf-8' : 'shift_jis',
    cacheBytes: generation.cacheKb * KB,
    screen: parseScreen(headers['x-jphone-display'], /\*/),
    cookies: modern,
    app: generation.java ? 'midp' : 'none',
    subscriberId: subscriberId(headers['x-jphone-uid'], /^[0-9A-Za-z]{16}$/),
  };
}
