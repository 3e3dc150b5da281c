import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { DEVICES, findDevice } from '../emulator/catalog.ts';
import { deviceHeaders, parseProxyRequest, upstreamRequest } from '../emulator/proxy.ts';

/**
 * The app the gateway should offer for a catalogue device's runtime. au's 1X ezplus handsets run
 * Java, but only as KDDI's KJX packages, which the gateway does not build: they get no app.
 */
function expectedApp(device: (typeof DEVICES)[number]): string {
  const { profile } = device.java;
  if (profile === 'web' || profile === 'none') return profile;
  if (device.carrier === 'au' && device.generation.includes('ezplus')) return 'none';
  return profile.startsWith('doja-') ? 'doja' : 'midp';
}

describe('device catalogue', () => {
  it('has at least three models per carrier, a 4G feature phone and a smartphone', () => {
    for (const carrier of ['docomo', 'au', 'softbank']) {
      expect(DEVICES.filter((device) => device.carrier === carrier && device.kind !== 'featurephone').length).toBeGreaterThanOrEqual(3);
    }
    expect(DEVICES.some((device) => device.kind === 'featurephone')).toBe(true);
    expect(DEVICES.some((device) => device.kind === 'smartphone')).toBe(true);
    expect(new Set(DEVICES.map((device) => device.id)).size).toBe(DEVICES.length);
  });

  it('has at least 30 devices, each with its source, covering every generation the gateway tells apart', () => {
    expect(DEVICES.length).toBeGreaterThanOrEqual(30);
    for (const device of DEVICES) expect(device.source.length, device.id).toBeGreaterThan(10);
    const seen = new Set(DEVICES.map((device) => {
      const handset = detectHandset(deviceHeaders(device, 'http://localhost/'));
      return `${handset.carrier}/${handset.family}/${handset.markup}/${handset.app}`;
    }));
    for (const generation of [
      'docomo/mova/chtml/none', 'docomo/mova/chtml/doja', 'docomo/foma/chtml/doja', 'docomo/foma/xhtml/doja', 'docomo/phs/chtml/none',
      'au/wap1/hdml/none', 'au/wap2/xhtml/none', 'au/win/xhtml/none', 'au/win/xhtml/midp',
      'softbank/c/chtml/none', 'softbank/c/chtml/midp', 'softbank/p/chtml/midp', 'softbank/w/xhtml/midp', 'softbank/3gc/xhtml/midp',
      'willcom/willcom/xhtml/none', 'emobile/emobile/xhtml/none', 'smartphone/featurephone/html5/web', 'smartphone/smartphone/html5/web',
    ]) expect(seen, generation).toContain(generation);
  });

  it.each(DEVICES.map((device) => [device.id, device] as const))('%s is detected as what it is', (_id, device) => {
    const detected = detectHandset(deviceHeaders(device, 'http://localhost/m/?guid=ON'));
    expect(detected.app).toBe(expectedApp(device));
    if (device.kind === 'featurephone') expect(detected).toMatchObject({ carrier: 'smartphone', family: 'featurephone' });
    else if (device.kind === 'smartphone') expect(detected).toMatchObject({ carrier: 'smartphone', family: 'smartphone' });
    else {
      expect(detected.carrier).toBe(device.carrier);
      expect(detected.cacheBytes).toBe(device.cacheBytes);
      expect(detected.cookies).toBe(device.cookies);
      // Every carrier handset that sends a subscriber id has it read back (WILLCOM sends none).
      if (device.carrier !== 'willcom') expect(detected.subscriberId).not.toBeNull();
      if (detected.screen) expect(detected.screen).toEqual(device.screen);
    }
  });
});

describe('proxy requests', () => {
  const request = (device: string, url: string) =>
    upstreamRequest(findDevice(device)!, parseProxyRequest({ device, url, cookie: 'sid=abc' }, { gateway: ['http://gw.test'], remote: [] }));

  it('sends X-DCMGUID only to http: guid=ON URLs; au and SoftBank ids go over HTTPS too', () => {
    expect(request('docomo-sh905i', '/m/?guid=ON').headers.get('x-dcmguid')).toBe('sh905i1');
    expect(request('docomo-sh905i', '/m/').headers.get('x-dcmguid')).toBeNull();
    const https = (device: string) => findDevice(device)!;
    expect(deviceHeaders(https('docomo-sh905i'), 'https://gw.test/m/?guid=ON')['x-dcmguid']).toBeUndefined();
    expect(deviceHeaders(https('au-w53ca'), 'https://gw.test/m/')['x-up-subno']).toBe(https('au-w53ca').headers['x-up-subno']);
    expect(deviceHeaders(https('softbank-910t'), 'https://gw.test/m/')['x-jphone-uid']).toBe('a910Tabcdefghijk');
  });

  it("sends each carrier's header set: twelve for FireMobileSimulator's W53CA, the x-jphone-* set for SoftBank", () => {
    const w53ca = Object.keys(deviceHeaders(findDevice('au-w53ca')!, 'http://gw.test/'));
    expect(w53ca.filter((name) => name.startsWith('x-up-devcap-'))).toHaveLength(10);
    expect(w53ca).toContain('x-up-subno');
    const sh930 = Object.keys(deviceHeaders(findDevice('softbank-930sh')!, 'http://gw.test/'));
    expect(sh930).toEqual(expect.arrayContaining(['x-jphone-msname', 'x-jphone-color', 'x-jphone-display', 'x-s-display-info', 'x-jphone-uid']));
  });

  it('sends the cookie jar only for handsets that keep cookies', () => {
    expect(request('docomo-sh905i', '/m/').headers.get('cookie')).toBeNull();
    expect(request('docomo-p07a', '/m/').headers.get('cookie')).toBe('sid=abc');
  });
});
