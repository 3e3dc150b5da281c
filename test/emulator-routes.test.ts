import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../gateway/routes.ts';
import { testServices } from './helpers/services.ts';
import type { ProxyResponse } from '../emulator/proxy.ts';

let app: Hono;
beforeAll(async () => {
  app = createApp((await testServices()).services);
});

const proxy = (body: unknown) =>
  app.request('http://gw.test/emulator/proxy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('emulator routes', () => {
  it('lists the device catalogue in the contract shape', async () => {
    const devices = (await (await app.request('/emulator/api/devices')).json()) as Array<Record<string, unknown>>;
    expect(devices.length).toBeGreaterThanOrEqual(11);
    for (const device of devices) expect(Object.keys(device).sort()).toEqual(['carrier', 'id', 'mailDomain', 'name', 'screen', 'userAgent']);
  });

  it('serves the emulator page and its bundle, and the web token page and bundle', async () => {
    expect(await (await app.request('/emulator/')).text()).toContain('/emulator/app.js');
    const bundle = await app.request('/emulator/app.js');
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(await bundle.text()).toContain('handset');
    expect(await (await app.request('/m/app/web')).text()).toContain('data-web-token');
    expect(await (await app.request('/m/app/web/token.js')).text()).toContain('ketaiToken');
  }, 30_000);
});

describe('emulator proxy', () => {
  it('fetches gateway pages with the device’s UA and carrier headers', async () => {
    const response = await proxy({ device: 'au-w31ca', url: '/api/v1/handset' });
    expect(response.status).toBe(200);
    const data = (await response.json()) as { status: number; body: string; url: string };
    expect(data.url).toBe('http://gw.test/api/v1/handset');
    expect(JSON.parse(Buffer.from(data.body, 'base64').toString())).toMatchObject({ carrier: 'au', deviceId: 'CA32' });
  });

  it('refuses every other origin, itself and junk with a Japanese error', async () => {
    for (const url of ['http://evil.test/', '//evil.test/x', 'https://gw.test/', 'http://gw.test:8080/', 'file:///etc/passwd']) {
      const response = await proxy({ device: 'docomo-sh905i', url });
      expect(response.status, url).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(/接続できません|URL/);
    }
    expect((await proxy({ device: 'docomo-sh905i', url: '/emulator/proxy' })).status).toBe(403);
    expect((await proxy({ device: 'nope', url: '/healthz' })).status).toBe(400);
    expect((await proxy({ device: 'docomo-sh905i', url: '/healthz', method: 'DELETE' })).status).toBe(403);
    const junk = await app.request('http://gw.test/emulator/proxy', { method: 'POST', body: '{' });
    expect(junk.status).toBe(400);
  });
});

describe('emulator proxy limits (issue 11 item 7)', () => {
  it('refuses a body over 32 KB with 413 JSON before reading it', async () => {
    const response = await app.request('http://gw.test/emulator/proxy', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device: 'docomo-sh905i', url: '/m/help', method: 'POST', body: 'x'.repeat(40 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toContain('大きすぎます');
  });

  it('answers a cookie with CR/LF and a URL with credentials with a clean 400', async () => {
    for (const cookie of ['a=1\r\nX-Evil: 1', 'a=1\nb', 'a=\u0000']) {
      const response = await proxy({ device: 'docomo-p07a', url: '/m/help', cookie });
      expect(response.status, JSON.stringify(cookie)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain('Cookie');
    }
    for (const url of ['http://user:pass@gw.test/m/help', 'http://user@gw.test/m/help']) {
      const response = await proxy({ device: 'docomo-sh905i', url });
      expect(response.status, url).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain('パスワード');
    }
  });

  it('decodes the path before blocking its own routes', async () => {
    for (const url of ['/%65mulator/proxy', '/%65mulator/api/mailbox/taro%40docomo.ne.jp', '//emulator/', '/EMULATOR/']) {
      const response = await proxy({ device: 'docomo-sh905i', url });
      expect(response.status, url).toBe(403);
    }
    expect((await proxy({ device: 'docomo-sh905i', url: '/%E0%A4%A' })).status).toBe(400);
  });

  it('reports the headers it sent and the response headers', async () => {
    const data = (await (await proxy({ device: 'au-w31ca', url: '/m/help', cookie: 'k=v' })).json()) as ProxyResponse;
    expect(data.sent.method).toBe('GET');
    expect(data.sent.headers).toMatchObject({ 'user-agent': expect.stringContaining('KDDI-CA32'), 'x-up-subno': expect.any(String), cookie: 'k=v' });
    expect(data.headers['content-type']).toBe(data.contentType);
    expect(data.remote).toBe(false);
  });
});

describe('emulator proxy callers', () => {
  it('refuses requests another site makes from the tester’s browser', async () => {
    const body = JSON.stringify({ device: 'docomo-sh905i', url: '/m/help' });
    for (const headers of [{ origin: 'http://evil.test' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }] as Array<Record<string, string>>) {
      const response = await app.request('http://gw.test/emulator/proxy', { method: 'POST', headers, body });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      const saved = await app.request('http://gw.test/emulator/api/scenarios', { method: 'POST', headers, body: '{}' });
      expect(saved.status, JSON.stringify(headers)).toBe(403);
    }
    const own = await app.request('http://gw.test/emulator/proxy', { method: 'POST', headers: { origin: 'http://gw.test', 'sec-fetch-site': 'same-origin' }, body });
    expect(own.status).toBe(200);
  });
});

describe('dev mailbox', () => {
  it('is never cached', async () => {
    const response = await app.request('/emulator/api/mailbox/taro@docomo.ne.jp');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
