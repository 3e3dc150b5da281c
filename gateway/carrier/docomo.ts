import data from './data/docomo.json' with { type: 'json' };
import { subscriberId, type HeaderMap, type Handset } from './handset.ts';

const KB = 1024;
/** Handsets that send no cache field have the oldest i-mode limit. */
const DEFAULT_CACHE_KB = 5;
// Any `DoCoMo/<version>` is i-mode (HTTP::MobileAgent `^DoCoMo/\d\.\d[ /]`, jpmobile `^DoCoMo`): the version
// does not decide the form, the separator does (`DoCoMo/2.0/N502i` and `DoCoMo/3.0/N503` are seen in logs).
const MOVA = /^DoCoMo\/\d\.\d\/(?:MST_v_)?([^/\s(]+)((?:\/[^/\s(]*)*)/;
const FOMA = /^DoCoMo\/\d\.\d (?:MST_v_)?([^\s(]+)(?:\(([^)]*)\))?/;
/** Model names some handsets send that are another model's (HTTP::MobileAgent). */
const ALIASES = new Map([['SH505i2', 'SH505i']]);
const displays = new Map(Object.entries(data.displays));

/** docomo i-mode: mova `DoCoMo/1.0/<model>/c<KB>/…` and FOMA `DoCoMo/2.0 <model>(c<KB>;…)`. */
export function detectDocomo(userAgent: string, headers: HeaderMap): Handset | null {
  const mova = MOVA.exec(userAgent);
  const foma = mova ? null : FOMA.exec(userAgent);
  if (!mova && !foma) return null;
  const sent = (mova ?? foma)![1]!;
  const model = ALIASES.get(sent) ?? sent;
  const fields = mova ? mova[2]!.split('/') : (foma![2] ?? '').split(';');
  const phs = fields.some((field) => /^kPHS/.test(field));
  const declared = Number(fields.map((field) => /^c(\d{1,4})$/.exec(field.trim())?.[1]).find(Boolean));
  const cacheKb = declared >= 1 ? declared : DEFAULT_CACHE_KB;
  const browser2 = cacheKb >= 500 || data.browser2Models.includes(model);
  const noJava = phs || data.noJavaSuffixes.some((suffix) => model.endsWith(suffix));
  const display = displays.get(model);
  return {
    carrier: 'docomo',
    family: phs ? 'phs' : mova ? 'mova' : 'foma',
    model,
    deviceId: null,
    name: null,
    markup: browser2 ? 'xhtml' : 'chtml',
    browser2,
    encoding: 'shift_jis',
    cacheBytes: cacheKb * KB,
    screen: display ? { width: display[0]!, height: display[1]! } : null,
    cookies: browser2,
    app: noJava ? 'none' : 'doja',
    subscriberId: subscriberId(headers['x-dcmguid'], /^[0-9A-Za-z]{7}$/),
  };
}
