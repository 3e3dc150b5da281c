import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jad, jam } from '../gateway/app/descriptor.ts';
import type { JavaProfile } from '../gateway/app/profile.ts';
import { checkDescriptor, checkPackage } from '../emulator/descriptor.ts';
import { readZipDirectory } from '../emulator/zip.ts';
import { DIST, JAR_FILES } from '../handset/java/dist.ts';
import { PACKAGE_DATE } from '../handset/java/package.ts';

const DOJA_JAR = new Uint8Array(readFileSync(join(DIST, JAR_FILES.doja)));
const MIDP_JAR = new Uint8Array(readFileSync(join(DIST, JAR_FILES.midp)));
const doja = { bytes: DOJA_JAR, lastModified: new Date(PACKAGE_DATE), source: 'built-in' };
const midp = { bytes: MIDP_JAR, lastModified: new Date(PACKAGE_DATE), source: 'built-in' };
const JAR = 'http://gw.test/m/app/pkg/t/docomo/ketai-token.jar';
const ADF_URL = 'http://gw.test/m/app/T/docomo/ketai-token.jam';
const JAD_URL = 'http://gw.test/m/app/T/au/ketai-token.jad';
const FOMA: JavaProfile = { kind: 'doja', profile: 'DoJa-5.1', configuration: 'CLDC-1.1', maxAppBytes: 1_048_576 };
const MIDP2: JavaProfile = { kind: 'midp', profile: 'MIDP-2.0', configuration: 'CLDC-1.1', maxAppBytes: 1_048_576 };
const DEVICE = { doja51: { profile: 'doja-5.1', maxAppBytes: 1_048_576 }, doja30: { profile: 'doja-3.0', maxAppBytes: 30_720 }, midp2: { profile: 'midp-2.0', maxAppBytes: 1_048_576 }, midp1: { profile: 'midp-1.0', maxAppBytes: 30_720 } };
const options = { packageUrl: JAR, binding: 'TICKET', twinUrl: 'http://gw.test/m/app/web/token.js' };

describe('app manager descriptor check', () => {
  it('accepts the gateway’s own .jam and .jad, and the real JARs that go with them', () => {
    const adf = checkDescriptor('jam', jam(doja, FOMA, options), ADF_URL, DEVICE.doja51);
    expect(adf).toEqual({
      ok: true,
      value: { type: 'jam', name: 'OTPトークン', packageUrl: JAR, size: DOJA_JAR.length, entryClass: 'KetaiToken', storageBytes: 1024, binding: 'TICKET', twinUrl: 'http://gw.test/m/app/web/token.js' },
    });
    const descriptor = checkDescriptor('jad', jad(midp, 'au', MIDP2, options), JAD_URL, DEVICE.midp1);
    expect(descriptor).toMatchObject({ ok: true, value: { entryClass: 'KetaiTokenMIDlet', binding: 'TICKET', size: MIDP_JAR.length } });
    if (!adf.ok || !descriptor.ok) return;
    expect(checkPackage(adf.value, DOJA_JAR).ok).toBe(true);
    expect(checkPackage(descriptor.value, MIDP_JAR).ok).toBe(true);
    expect(checkPackage(adf.value, DOJA_JAR.subarray(1))).toEqual({ ok: false, message: expect.stringContaining('サイズが一致しない') });
  });

  it('refuses a package that is not a JAR or lacks the AppClass / MIDlet-1 class', () => {
    const adf = checkDescriptor('jam', jam(doja, FOMA, options), ADF_URL, DEVICE.doja51);
    const descriptor = checkDescriptor('jad', jad(midp, 'au', MIDP2, options), JAD_URL, DEVICE.midp2);
    if (!adf.ok || !descriptor.ok) throw new Error('descriptor refused');
    // The JS bundle the gateway used to serve as a .jar: the right size, not a ZIP.
    const script = new TextEncoder().encode('"use strict";(()=>{})();'.padEnd(DOJA_JAR.length, ' '));
    expect(checkPackage(adf.value, script)).toEqual({ ok: false, message: expect.stringContaining('壊れている') });
    // The MIDP JAR under a DoJa descriptor: a ZIP without KetaiToken.class.
    expect(checkPackage({ ...adf.value, size: MIDP_JAR.length }, MIDP_JAR)).toEqual({ ok: false, message: expect.stringContaining('KetaiTokenがありません') });
    expect(checkPackage({ ...descriptor.value, size: DOJA_JAR.length }, DOJA_JAR)).toEqual({ ok: false, message: expect.stringContaining('KetaiTokenMIDletがありません') });
  });

  it('checks ProfileVer / MicroEdition-Profile and the configuration against the device', () => {
    const older: JavaProfile = { kind: 'doja', profile: 'DoJa-3.0', configuration: 'CLDC-1.0', maxAppBytes: 30_720 };
    expect(checkDescriptor('jam', jam(doja, older, options), ADF_URL, DEVICE.doja30).ok).toBe(true);
    expect(checkDescriptor('jam', jam(doja, FOMA, options), ADF_URL, DEVICE.doja30)).toEqual({ ok: false, message: 'この端末では利用できないiアプリです。' });
    const cldc11 = jam(doja, { ...older, configuration: 'CLDC-1.1' }, options);
    expect(checkDescriptor('jam', cldc11, ADF_URL, DEVICE.doja30).ok).toBe(false);
    const midp2Only = jad(midp, 'softbank', MIDP2, options).replace('MicroEdition-Profile: MIDP-1.0', 'MicroEdition-Profile: MIDP-2.0');
    expect(checkDescriptor('jad', midp2Only, JAD_URL, DEVICE.midp2).ok).toBe(true);
    expect(checkDescriptor('jad', midp2Only, JAD_URL, DEVICE.midp1).ok).toBe(false);
  });

  it('refuses missing keys, oversize apps and ScratchPads, foreign hosts and the wrong platform in Japanese', () => {
    const text = jam(doja, FOMA, options);
    expect(checkDescriptor('jam', text.replace(/AppClass.*\r\n/, ''), ADF_URL, DEVICE.doja51)).toEqual({ ok: false, message: expect.stringContaining('（AppClass）') });
    expect(checkDescriptor('jam', text, ADF_URL, { profile: 'doja-5.1', maxAppBytes: 2048 })).toEqual({ ok: false, message: expect.stringContaining('大きすぎる') });
    expect(checkDescriptor('jam', text.replace('SPsize = 1024', 'SPsize = 2000000'), ADF_URL, DEVICE.doja51)).toEqual({ ok: false, message: expect.stringContaining('スクラッチパッド') });
    expect(checkDescriptor('jam', jam(doja, FOMA, { ...options, packageUrl: 'http://evil.test/x.jar' }), ADF_URL, DEVICE.doja51)).toEqual({ ok: false, message: expect.stringContaining('異なるサーバ') });
    expect(checkDescriptor('jam', text, ADF_URL, DEVICE.midp2)).toEqual({ ok: false, message: 'この端末では利用できないiアプリです。' });
    expect(checkDescriptor('jam', text, ADF_URL, { profile: 'web', maxAppBytes: 0 }).ok).toBe(false);
    const au = jad(midp, 'au', MIDP2, options);
    expect(checkDescriptor('jad', au.replace(`MIDlet-Jar-Size: ${MIDP_JAR.length}`, 'MIDlet-Jar-Size: -1'), JAD_URL, DEVICE.midp2).ok).toBe(false);
    expect(checkDescriptor('jad', au.replace(/MIDlet-1:.*\r\n/, ''), JAD_URL, DEVICE.midp2)).toEqual({ ok: false, message: expect.stringContaining('（MIDlet-1）') });
    // A twin on another host is ignored: the emulator only runs the gateway's own script.
    const foreignTwin = checkDescriptor('jam', jam(doja, FOMA, { ...options, twinUrl: 'http://evil.test/x.js' }), ADF_URL, DEVICE.doja51);
    expect(foreignTwin).toMatchObject({ ok: true, value: { twinUrl: null } });
  });
});

describe('ZIP directory reader', () => {
  it('lists the JAR entries with the packer\'s date and rejects non-ZIPs', () => {
    const entries = readZipDirectory(MIDP_JAR)!;
    expect(entries[0]!.name).toBe('META-INF/MANIFEST.MF');
    expect(entries.every((entry) => entry.modified.getTime() === Date.parse(PACKAGE_DATE))).toBe(true);
    expect(readZipDirectory(new Uint8Array(100))).toBeNull();
    expect(readZipDirectory(MIDP_JAR.subarray(0, MIDP_JAR.length - 30))).toBeNull();
  });
});
