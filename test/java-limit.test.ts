import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { fitsHandset, javaLimit } from '../gateway/carrier/java.ts';

const limit = (userAgent: string) => javaLimit(detectHandset({ 'user-agent': userAgent }));

describe('Java limit per handset generation', () => {
  it.each([
    ['DoCoMo/1.0/P503i', 'DoJa-1.0', 10],
    ['DoCoMo/1.0/P503iS/c10/serNMAUA482012', 'DoJa-1.0', 10],
    ['DoCoMo/2.0 N2001(c10;ser0123456789abcde;icc01234567890123456789)', 'DoJa-1.0', 10],
    ['DoCoMo/1.0/SO506iC/c20/TB/W20H10', 'DoJa-2.0', 30],
    ['DoCoMo/2.0 MST_v_SH2101V(c100)', 'DoJa-2.0', 30],
    ['DoCoMo/2.0 N900i(c100;TB;W24H12)', 'DoJa-4.0', 100],
    ['DoCoMo/2.0 SH905i(c100;TB;W24H16)', 'DoJa-5.0', 1024],
    ['DoCoMo/2.0 P07A3(c500;TB;W24H15)', 'DoJa-5.0', 1024],
    ['KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0', 'MIDP-2.0', 300],
    ['KDDI-TS21 UP.Browser/6.0.2.276 (GUI) MMP/1.1', 'MIDP-2.0', 100],
    ['J-PHONE/4.0/J-SH51/SNJSHA3029293 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'MIDP-1.0', 30],
    ['SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'MIDP-2.0', 1024],
  ])('%s → %s, %i KB', (userAgent, profile, kb) => {
    expect(limit(userAgent)).toEqual({ profile, maxAppBytes: kb * 1024 });
  });

  it('has no limit for handsets without Java, and no package fits them', () => {
    for (const userAgent of ['DoCoMo/1.0/D501i', 'J-PHONE/2.0/J-DN02', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15']) {
      const handset = detectHandset({ 'user-agent': userAgent });
      expect(javaLimit(handset)).toBeNull();
      expect(fitsHandset(handset, 1)).toBe(false);
    }
  });

  it('compares the package size with the limit, the limit itself included', () => {
    const p503i = detectHandset({ 'user-agent': 'DoCoMo/1.0/P503i' });
    expect(fitsHandset(p503i, 10 * 1024)).toBe(true);
    expect(fitsHandset(p503i, 10 * 1024 + 1)).toBe(false);
  });
});
