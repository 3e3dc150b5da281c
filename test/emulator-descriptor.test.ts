import { describe, expect, it } from 'vitest';
import { jad, jam } from '../gateway/app/descriptor.ts';
import { checkDescriptor, checkPackage } from '../emulator/descriptor.ts';

const item = { bytes: new Uint8Array(3000), lastModified: new Date('2026-11-22T00:00:00Z'), source: 'built-in' };
const JAR = 'http://gw.test/m/app/T/docomo/ketai-token.jar';
const DOJA = { profile: 'doja-5.1', maxAppBytes: 1_048_576 };
const MIDP = { profile: 'midp-2.0', maxAppBytes: 1_048_576 };

describe('app manager descriptor check', () => {
  it('accepts the gateway’s own .jam and .jad and the package of that size', () => {
    const adf = checkDescriptor('jam', jam(item, JAR), 'http://gw.test/m/app/T/docomo/ketai-token.jam', DOJA);
    expect(adf).toEqual({ ok: true, value: { type: 'jam', name: 'OTPトークン', packageUrl: JAR, size: 3000 } });
    const descriptor = checkDescriptor('jad', jad(item, JAR, 'au'), 'http://gw.test/m/app/T/au/ketai-token.jad', MIDP);
    expect(descriptor.ok).toBe(true);
    if (adf.ok) {
      expect(checkPackage(adf.value, item.bytes).ok).toBe(true);
      expect(checkPackage(adf.value, new Uint8Array(2999))).toEqual({ ok: false, message: expect.stringContaining('サイズが一致しない') });
    }
  });

  it('refuses missing keys, oversize apps, foreign hosts and the wrong platform in Japanese', () => {
    const text = jam(item, JAR);
    expect(checkDescriptor('jam', text.replace(/AppClass.*\r\n/, ''), JAR, DOJA)).toEqual({ ok: false, message: expect.stringContaining('（AppClass）') });
    expect(checkDescriptor('jam', text, JAR, { profile: 'doja-1.0', maxAppBytes: 2048 })).toEqual({ ok: false, message: expect.stringContaining('大きすぎる') });
    expect(checkDescriptor('jam', jam(item, 'http://evil.test/x.jar'), JAR, DOJA)).toEqual({ ok: false, message: expect.stringContaining('異なるサーバ') });
    expect(checkDescriptor('jam', text, JAR, MIDP)).toEqual({ ok: false, message: 'この端末では利用できないiアプリです。' });
    expect(checkDescriptor('jad', jad(item, JAR, 'softbank'), JAR, { profile: 'midp-1.0', maxAppBytes: 1_000_000 }).ok).toBe(false);
    expect(checkDescriptor('jad', jad(item, JAR, 'au').replace('MIDlet-Jar-Size: 3000', 'MIDlet-Jar-Size: -1'), JAR, MIDP).ok).toBe(false);
  });
});
