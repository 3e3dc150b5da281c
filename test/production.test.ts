import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../gateway/config.ts';
import { clientIp, isHttps, secureCookies } from '../gateway/http/client.ts';
import { contentSecurityPolicy } from '../gateway/http/security-headers.ts';
import { createApp } from '../gateway/routes.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { testServices } from './helpers/services.ts';

const PRODUCTION = { KETAI_ENV: 'production', PUBLIC_URL: 'https://bank.example', SMTP_URL: 'smtp://mail.bank.example:587' };

/** Services and app in production mode over a fresh DATA_DIR. */
async function production(extra: Record<string, string> = {}) {
  const { services, dataDir } = await testServices(undefined, { ...PRODUCTION, ...extra });
  const config = loadConfig({ ...PRODUCTION, ...extra, DATA_DIR: dataDir });
  return { services, config, app: createApp(services, config) };
}

describe('KETAI_ENV', () => {
  it('is the demo unless set to production', () => {
    expect(loadConfig({})).toMatchObject({ production: false, demo: true, trustProxy: false });
    expect(loadConfig({ KETAI_ENV: 'development', TRUST_PROXY: '1' })).toMatchObject({ production: false, demo: true, trustProxy: true });
    expect(loadConfig(PRODUCTION)).toMatchObject({ production: true, demo: false, publicUrl: 'https://bank.example', smtpUrl: PRODUCTION.SMTP_URL });
  });

  it.each([
    [{ KETAI_ENV: 'prod' }, 'KETAI_ENV must be development or production, got "prod"'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY must be 0 or 1, got "yes"'],
    [{ ...PRODUCTION, PUBLIC_URL: '' }, 'KETAI_ENV=production needs PUBLIC_URL'],
    [{ ...PRODUCTION, PUBLIC_URL: 'http://bank.example' }, 'KETAI_ENV=production needs PUBLIC_URL, the https origin'],
    [{ ...PRODUCTION, SMTP_URL: '' }, 'KETAI_ENV=production needs SMTP_URL'],
  ])('refuses %o with a clear ConfigError', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('production mode', () => {
  it('mounts no emulator, emulator proxy or dev mailbox; the handset and provisioning routes stay', async () => {
    const { app } = await production();
    for (const [method, path] of [['GET', '/emulator/'], ['GET', '/emulator/app.js'], ['GET', '/emulator/api/devices'], ['POST', '/emulator/proxy'], ['GET', '/emulator/api/mailbox/taro@docomo.ne.jp']]) {
      const response = await app.request(`http://bank.test${path}`, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
      expect(response.status, path).toBe(404);
    }
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/m/help')).status).toBe(200);
    expect((await app.request('/m/app/provision', { method: 'POST', body: 'serviceId=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
    const demo = createApp((await testServices()).services);
    expect((await demo.request('/emulator/')).status).toBe(200);
  });

  it('creates no demo banks or customers', async () => {
    const { services } = await production();
    expect(await services.db.tenants.list()).toEqual([]);
    expect(await services.db.customers.get('c-taro')).toBeUndefined();
  });

  it('sets the session cookie Secure even on a plain HTTP request (TLS ends before the gateway)', async () => {
    const { services } = await testServices();
    const app = createApp(services, { production: true, trustProxy: false });
    const response = await app.request('http://bank.test/');
    expect(response.headers.get('set-cookie')).toMatch(/ketai_sid=[^;]+;.*Secure/);
  });
});

describe('behind a proxy (TRUST_PROXY)', () => {
  const apps = (trustProxy: boolean) => {
    const app = new Hono();
    app.get('/', (c) => c.json({ ip: clientIp(c, { trustProxy }), https: isHttps(c, { trustProxy }), secure: secureCookies(c, { trustProxy, production: false }) }));
    return app;
  };

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const forwarded = { headers: { 'x-forwarded-proto': 'https' } };
    expect(await (await apps(false).request('http://bank.test/', forwarded)).json()).toMatchObject({ https: false, secure: false });
    expect(await (await apps(true).request('http://bank.test/', forwarded)).json()).toMatchObject({ https: true, secure: true });
    expect(await (await apps(true).request('http://bank.test/', { headers: { 'x-forwarded-proto': 'https, http' } })).json()).toMatchObject({ https: false });
    expect(await (await apps(false).request('https://bank.test/')).json()).toMatchObject({ https: true, secure: true });
    expect(secureCookies({ req: new Request('http://bank.test/') } as never, { trustProxy: false, production: true })).toBe(true);
  });

  it('takes the client address from the socket, or from the proxy’s own X-Forwarded-For entry when trusted', async () => {
    for (const trustProxy of [false, true]) {
      const server = serve({ fetch: apps(trustProxy).fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        const spoofed = await (await fetch(url, { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' } })).json();
        expect(spoofed.ip, `trustProxy ${trustProxy}`).toBe(trustProxy ? '203.0.113.9' : '127.0.0.1');
        expect((await (await fetch(url)).json()).ip).toBe('127.0.0.1');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
    expect(await (await apps(false).request('/')).json()).toMatchObject({ ip: 'unknown' });
  });
});

describe('Content-Security-Policy and HSTS', () => {
  it('puts a CSP on every kind of page, the portal’s without inline script or style', async () => {
    const { services } = await testServices();
    const app = createApp(services);
    for (const path of ['/', '/ib/help', '/m/help', '/m/dl/unknown-ticket', '/m/app/web', '/emulator/', '/api/v1/handset', '/healthz']) {
      const response = await app.request(`http://bank.test${path}`);
      expect(response.headers.get('content-security-policy'), path).toBe(contentSecurityPolicy(path));
    }
    const portal = contentSecurityPolicy('/ib/top');
    expect(portal).toContain("default-src 'none'");
    expect(portal).not.toContain('unsafe');
    expect(portal).toContain("frame-ancestors 'self'");
    expect(contentSecurityPolicy('/m/app/web')).not.toContain('unsafe-eval');
  });

  it('has portal pages that need nothing the portal CSP forbids (no inline script, style or event handler)', async () => {
    const { services } = await testServices();
    const client = new PortalClient(createApp(services));
    await client.get('/');
    await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    for (const path of ['/ib/top', '/ib/accounts', '/ib/procedures', '/ib/help', '/ib/otp', '/ib/otp/issue', '/ib/otp/release', '/ib/transfer', '/ib/transfer/new', '/ib/nowhere']) {
      const { html } = await client.get(path);
      expect(html, path).toContain('画面ID');
      expect(html, path).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=|javascript:/i);
    }
  });

  it('sends HSTS only over HTTPS (directly, or from a trusted proxy)', async () => {
    const { services } = await testServices();
    const plain = createApp(services);
    expect((await plain.request('http://bank.test/healthz')).headers.get('strict-transport-security')).toBeNull();
    expect((await plain.request('http://bank.test/healthz', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull();
    expect((await plain.request('https://bank.test/healthz')).headers.get('strict-transport-security')).toBe('max-age=31536000');
    const proxied = createApp(services, { production: false, trustProxy: true });
    expect((await proxied.request('http://bank.test/', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
