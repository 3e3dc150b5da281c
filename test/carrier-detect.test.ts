import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { modern, table } from './fixtures/user-agents.ts';

const KB = 1024;

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
    expect(handset).toMatchObject({ name: 'W31CA', family: 'win', cacheBytes: 131072, screen: { width: 240, height: 320 }, app: 'midp' });
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

  it('never throws on arbitrary headers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.dictionary(fc.constantFrom('x-dcmguid', 'x-up-subno', 'x-up-devcap-max-pdu', 'x-up-devcap-screenpixels', 'x-jphone-msname', 'x-jphone-display', 'x-jphone-uid'), fc.string()), (userAgent, headers) => {
        const handset = detectHandset({ ...headers, 'user-agent': userAgent });
        expect(handset.cacheBytes).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom('DoCoMo/1.0/', 'DoCoMo/2.0 ', 'KDDI-', 'UP.Browser/', 'J-PHONE/', 'SoftBank/1.0/', 'MOT-', 'Mozilla/3.0(WILLCOM;'), fc.string(), (prefix, rest) => {
        expect(() => detectHandset({ 'user-agent': prefix + rest })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
