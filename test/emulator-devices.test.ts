import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { DEVICES } from '../emulator/catalog.ts';
import { findDevice } from '../emulator/catalog.ts';
import { deviceHeaders, parseProxyRequest, upstreamRequest } from '../emulator/proxy.ts';

describe('device catalogue', () => {
  it('has at least three models per carrier, a 4G feature phone and a smartphone', () => {
    for (const carrier of ['docomo', 'au', 'softbank']) {
      expect(DEVICES.filter((device) => device.carrier === carrier && device.kind !== 'featurephone').length).toBeGreaterThanOrEqual(3);
    }
    expect(DEVICES.some((device) => device.kind === 'featurephone')).toBe(true);
    expect(DEVICES.some((device) => device.kind === 'smartphone')).toBe(true);
    expect(new Set(DEVICES.map((device) => device.id)).size).toBe(DEVICES.length);
  });

  it.each(DEVICES.map((device) => [device.id, device] as const))('%s is detected as what it is', (_id, device) => {
    const detected = detectHandset(deviceHeaders(device, 'http://localhost/m/?guid=ON'));
    if (device.kind === 'featurephone') expect(detected).toMatchObject({ carrier: 'smartphone', family: 'featurephone', app: 'web' });
    else if (device.kind === 'smartphone') expect(detected).toMatchObject({ carrier: 'smartphone', app: 'web' });
    else {
      expect(detected.carrier).toBe(device.carrier);
      expect(detected.cacheBytes).toBe(device.cacheBytes);
      expect(detected.cookies).toBe(device.cookies);
      expect(detected.app).toBe(device.carrier === 'docomo' ? 'doja' : 'midp');
      expect(detected.subscriberId).not.toBeNull();
      if (detected.screen) expect(detected.screen).toEqual(device.screen);
    }
  });
});

describe('proxy requests', () => {
  const request = (device: string, url: string) =>
    upstreamRequest(findDevice(device)!, parseProxyRequest({ device, url, cookie: 'sid=abc' }, { gateway: ['http://gw.test'], remote: [] }));

  it('sends X-DCMGUID only to guid=ON URLs', () => {
    expect(request('docomo-sh905i', '/m/?guid=ON').headers.get('x-dcmguid')).toBe('sh905i1');
    expect(request('docomo-sh905i', '/m/').headers.get('x-dcmguid')).toBeNull();
  });

  it('sends the cookie jar only for handsets that keep cookies', () => {
    expect(request('docomo-sh905i', '/m/').headers.get('cookie')).toBeNull();
    expect(request('docomo-p07a', '/m/').headers.get('cookie')).toBe('sid=abc');
  });
});
