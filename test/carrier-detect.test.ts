import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAu } from '../gateway/carrier/au.ts';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { detectDocomo } from '../gateway/carrier/docomo.ts';
import { detectEmobile } from '../gateway/carrier/emobile.ts';
import type { Handset, HeaderMap } from '../gateway/carrier/handset.ts';
import { detectModern } from '../gateway/carrier/modern.ts';
import { detectSoftbank } from '../gateway/carrier/softbank.ts';
import { detectWillcom } from '../gateway/carrier/willcom.ts';
import { modern, table } from './fixtures/user-agents.ts';

const KB = 1024;
const HEADER_NAMES = ['x-dcmguid', 'x-up-subno', 'x-up-devcap-max-pdu', 'x-up-devcap-screenpixels', 'x-jphone-msname', 'x-jphone-display', 'x-jphone-uid', 'x-jphone-java', 'x-em-uid'];
type Detector = (userAgent: string, headers: HeaderMap) => Handset | null;
const DETECTORS: Array<[string, Detector, string[]]> = [
  ['detectDocomo', detectDocomo, ['DoCoMo/1.0/', 'DoCoMo/2.0 ', 'DoCoMo/3.0/', 'DoCoMo/2.0 MST_v_', '']],
  ['detectAu', detectAu, ['KDDI-', 'KDDI-CA32 UP.Browser/', 'UP.Browser/3.04-', '']],
  ['detectSoftbank', detectSoftbank, ['J-PHONE/', 'J-PHONE/3.0/', 'SoftBank/1.0/', 'Vodafone/1.0/', 'MOT-', '']],
  ['detectWillcom', (userAgent) => detectWillcom(userAgent), ['Mozilla/3.0(WILLCOM;', 'Mozilla/3.0(DDIPOCKET;', '']],
  ['detectEmobile', detectEmobile, ['emobile/', 'Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; IEMobile 7.7) ', '']],
  ['detectModern', (userAgent) => detectModern(userAgent), ['Mozilla/5.0 (Linux; Android ', 'Mozilla/5.0 (Mobile; ', 'Mozilla/5.0 (iPhone; ', '']],
];

describe('carrier detection', () => {
  it('has at least 150 real user agents', () => {
    expect(table.length).toBeGreaterThanOrEqual(150);
  });

  it.each(table)('%s', (userAgent, carrier, model, deviceId, cacheKb) => {
    const handset = detectHandset({ 'user-agent': userAgent });
    expect(handset.carrier).toBe(carrier);
    expect(handset.model).toBe(model);
    expect(handset.deviceId).toBe(deviceId);
    expect(handset.cacheBytes).toBe(Math.round(cacheKb * KB));
  });

  it('describes a cache-less i-mode handset without Java and a FOMA with i-appli', () => {
    const d501i = detectHandset({ 'user-agent': 'DoCoMo/1.0/D501i' });
    expect(d501i).toMatchObject({ family: 'mova', markup: 'chtml', encoding: 'shift_jis', cookies: false, app: 'none', cacheBytes: 5120 });
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 N2001(c10)' })).toMatchObject({ family: 'foma', app: 'doja' });
    expect(detectHandset({ 'user-agent': 'DoCoMo/1.0/eggy/c300/s32/kPHS-K' })).toMatchObject({ family: 'phs', app: 'none' });
    // A zero cache field is junk: the 5 KB default stands.
    expect(detectHandset({ 'user-agent': 'DoCoMo/1.0/N504i/c0/TJ' }).cacheBytes).toBe(5120);
  });

  it('treats i-mode browser 2.0 as XHTML with cookies', () => {
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 P07A(c500;TB;W24H15)' })).toMatchObject({ browser2: true, markup: 'xhtml', cookies: true });
  });

  it('reads the iモードID, EZ number and J-PHONE UID only when well-formed', () => {
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 N2001(c10)', 'x-dcmguid': 'a1B2c3D' }).subscriberId).toBe('a1B2c3D');
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 N2001(c10)', 'x-dcmguid': '<script>' }).subscriberId).toBeNull();
    const au = detectHandset({ 'user-agent': 'KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0', 'x-up-subno': '00000000000000_mj.ezweb.ne.jp' });
    expect(au.subscriberId).toBe('00000000000000_mj.ezweb.ne.jp');
    const sb = detectHandset({ 'user-agent': 'SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'x-jphone-uid': 'aaaaaaaaaaaaaaaa' });
    expect(sb.subscriberId).toBe('aaaaaaaaaaaaaaaa');
  });

  it('names au handsets from the device table and takes the page budget and screen from headers', () => {
    const handset = detectHandset({
      'user-agent': 'KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0',
      'x-up-devcap-max-pdu': '131072',
      'x-up-devcap-screenpixels': '240,320',
    });
    expect(handset).toMatchObject({ name: 'W31CA', family: 'win', cacheBytes: 131072, screen: { width: 240, height: 320 } });
    expect(detectHandset({ 'user-agent': 'KDDI-KCU1 UP.Browser/6.2.0.5.1 (GUI) MMP/2.0' })).toMatchObject({ family: 'tuka', name: 'TK41' });
    expect(detectHandset({ 'user-agent': 'UP.Browser/3.04-TS14 UP.Link/3.4.4' })).toMatchObject({ family: 'wap1', name: 'C415T', app: 'none' });
  });

  it('takes a Motorola model from X-JPHONE-MSNAME and the SoftBank screen from X-JPHONE-DISPLAY', () => {
    const mot = detectHandset({ 'user-agent': 'MOT-V980/80.2B.04I MIB/2.2.1 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'x-jphone-msname': 'V702MO' });
    expect(mot).toMatchObject({ carrier: 'softbank', model: 'V702MO', family: '3gc', app: 'midp' });
    const display = detectHandset({ 'user-agent': 'Vodafone/1.0/V903T/TJ001 Browser/VF-Browser/1.0', 'x-jphone-display': '240*320' });
    expect(display.screen).toEqual({ width: 240, height: 320 });
    expect(detectHandset({ 'user-agent': 'J-PHONE/2.0/J-DN02' })).toMatchObject({ family: 'c', app: 'none', encoding: 'shift_jis' });
  });

  it('flags 4G feature phones and gives modern browsers the web token', () => {
    expect(detectHandset({ 'user-agent': modern[8]![0] })).toMatchObject({ family: 'featurephone', app: 'web', markup: 'html5' });
    expect(detectHandset({ 'user-agent': modern[1]![0] })).toMatchObject({ family: 'smartphone', app: 'web' });
    expect(detectHandset({ 'user-agent': modern[12]![0] })).toMatchObject({ family: 'pc', app: 'none' });
  });

  it('takes a bare J-PHONE/1.0 or J-PHONE/2.0 for a SoftBank C type in Shift_JIS (HTTP::MobileAgent t/03_j_phone.t)', () => {
    for (const userAgent of ['J-PHONE/1.0', 'J-PHONE/2.0']) {
      expect(detectHandset({ 'user-agent': userAgent })).toMatchObject({ carrier: 'softbank', family: 'c', model: null, encoding: 'shift_jis', app: 'none' });
    }
  });

  it('takes any DoCoMo/<version> for i-mode in Shift_JIS (HTTP::MobileAgent, jpmobile)', () => {
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0/N502i' })).toMatchObject({ carrier: 'docomo', model: 'N502i', encoding: 'shift_jis', markup: 'chtml', app: 'none' });
    expect(detectHandset({ 'user-agent': 'DoCoMo/3.0/N503' })).toMatchObject({ carrier: 'docomo', model: 'N503', encoding: 'shift_jis', markup: 'chtml' });
  });

  it('reads SH505i2 as the SH505i', () => {
    expect(detectHandset({ 'user-agent': 'DoCoMo/1.0/SH505i2/c20/TB/W20H10' })).toMatchObject({ model: 'SH505i', screen: { width: 240, height: 252 } });
  });

  it('gives a C4 type (3.x browser sending X-JPHONE-JAVA) Java, and a C2 / C3 type none', () => {
    expect(detectHandset({ 'user-agent': 'J-PHONE/3.0/J-SH10', 'x-jphone-java': '1' })).toMatchObject({ family: 'c', app: 'midp', encoding: 'shift_jis' });
    expect(detectHandset({ 'user-agent': 'J-PHONE/3.0/J-SH10' })).toMatchObject({ family: 'c', app: 'none' });
    expect(detectHandset({ 'user-agent': 'J-PHONE/2.0/J-DN02', 'x-jphone-java': '1' }).app).toBe('none');
  });

  it("handles EMOBILE like jpmobile's Emobile: UTF-8, no cookies, EMnet id from X-EM-UID", () => {
    const h11t = detectHandset({ 'user-agent': 'emobile/1.0.0 (H11T; like Gecko; Wireless) NetFront/3.4', 'x-em-uid': 'u00000000000000000' });
    expect(h11t).toMatchObject({ carrier: 'emobile', model: 'H11T', encoding: 'utf-8', cookies: false, app: 'none', subscriberId: 'u00000000000000000' });
    expect(detectHandset({ 'user-agent': 'Mozilla/5.0 (H11T; like Gecko; OpenBrowser) NetFront/3.4' })).toMatchObject({ carrier: 'emobile', model: 'H11T' });
    expect(detectHandset({ 'user-agent': 'Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; IEMobile 7.7) S11HT' })).toMatchObject({ carrier: 'emobile', model: 'S11HT' });
  });

  it('takes IE Mobile on Windows Mobile for neither a PC nor a smartphone (jpmobile), Windows Phone for a smartphone', () => {
    expect(detectHandset({ 'user-agent': 'Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; IEMobile 8.12; MSIEMobile 6.0)' }).carrier).toBe('unknown');
    const windowsPhone = 'Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0; IEMobile/10.0; ARM; Touch; NOKIA; Lumia 920)';
    expect(detectHandset({ 'user-agent': windowsPhone })).toMatchObject({ carrier: 'smartphone', app: 'web' });
  });

  it('gives BREW-only au WIN handsets no app and Open App Player handsets MIDP', () => {
    expect(detectHandset({ 'user-agent': 'KDDI-SN31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0' })).toMatchObject({ name: 'W21S', family: 'win', app: 'none' });
    expect(detectHandset({ 'user-agent': 'KDDI-CA37 UP.Browser/6.2.0.11.2.1 (GUI) MMP/2.0' })).toMatchObject({ name: 'W51CA', family: 'win', app: 'midp' });
    // 1X handsets' Java (ezplus) takes KDDI's KJX packages, not a JAD: no app, the 未対応 page up front.
    expect(detectHandset({ 'user-agent': 'KDDI-TS21 UP.Browser/6.0.2.273 (GUI) MMP/1.1' })).toMatchObject({ name: 'C5001T', family: 'wap2', app: 'none' });
  });

  it('never throws on arbitrary headers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.string()), (userAgent, headers) => {
        const handset = detectHandset({ ...headers, 'user-agent': userAgent });
        expect(handset.cacheBytes).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  // detectHandset catches everything, so each detector is fuzzed on its own: a throw here is a bug that
  // would silently turn a real handset into `unknown`.
  it.each(DETECTORS)('%s never throws and returns a usable handset or null', (_name, detector, prefixes) => {
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.string({ maxLength: 200 }), fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 60 })), (prefix, rest, headers) => {
        const handset = detector(prefix + rest, headers);
        if (handset) {
          expect(handset.cacheBytes).toBeGreaterThan(0);
          expect(handset.model === null || typeof handset.model === 'string').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
