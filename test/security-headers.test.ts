import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './helpers/config.ts';
import { contentSecurityPolicy, SECURED_SERVER_OPTIONS, SECURITY_HEADERS, withSecurityHeaders } from '../gateway/http/security-headers.ts';
import { createApp } from '../gateway/routes.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { demoDataDir } from './helpers/demo-data.ts';

const expected = Object.fromEntries(SECURITY_HEADERS.map(([name, value]) => [name.toLowerCase(), value]));

function securityHeadersOf(response: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(expected).map((name) => [name, response.headers.get(name)]));
}

describe('security headers', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway(testConfig({ DATA_DIR: await demoDataDir(), PORT: '0', HOST: '127.0.0.1' }));
  });
  afterAll(() => gateway?.close());

  it('are every header hono secureHeaders() sent before, with the same values', async () => {
    const app = new Hono();
    app.use(secureHeaders());
    app.get('/', (c) => c.text('ok'));
    const before = await app.request('/');
    // HSTS is the one left out on purpose: it goes only on responses that came over HTTPS (RFC 6797 §7.2).
    const sent = Object.fromEntries([...before.headers].filter(([name]) => !['content-type', 'content-length', 'strict-transport-security'].includes(name)));
    expect(expected).toEqual(sent);
  });

  const DOCOMO = { 'user-agent': 'DoCoMo/2.0 P903i(c100;TB;W24H12)' };
  it.each([
    ['a portal page', 'GET', '/', {}, 200],
    ['a portal error page', 'GET', '/ib/no-such-page', {}, 302],
    ['a handset page', 'GET', '/m/help', DOCOMO, 200],
    ['a handset page for an unknown ticket', 'GET', '/m/dl/NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNd', DOCOMO, 404],
    ['the web token page', 'GET', '/m/app/web', {}, 200],
    ['the handset API', 'GET', '/api/v1/handset', DOCOMO, 200],
    ['the provisioning API refusing a request', 'POST', '/m/app/provision', {}, 400],
    ['a static file (portal CSS)', 'GET', '/ib/static/portal.css', {}, 200],
    ['a static file (emulator CSS)', 'GET', '/emulator/emulator.css', {}, 200],
    ['the health check', 'GET', '/healthz', {}, 200],
    ['an unknown path', 'GET', '/no-such-path', {}, 404],
  ])('are sent over HTTP on %s', async (_what, method, path, headers, status) => {
    const response = await fetch(`${gateway.url.replace('localhost', '127.0.0.1')}${path}`, { method, headers, redirect: 'manual' });
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    expect(securityHeadersOf(response)).toEqual(expected);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(path));
  });

  it('leave handset detection working over HTTP (it reads node\'s own header object there)', async () => {
    const response = await fetch(`${gateway.url.replace('localhost', '127.0.0.1')}/api/v1/handset`, { headers: DOCOMO });
    expect(await response.json()).toMatchObject({ carrier: 'docomo', model: 'P903i', markup: 'chtml', encoding: 'shift_jis' });
  });

  it('are on responses from app.request too (no node server underneath)', async () => {
    const response = await createApp(gateway.services).request('/m/help', { headers: DOCOMO });
    expect(securityHeadersOf(response)).toEqual(expected);
  });

  // The gateway's server (SecuredResponse: into node's header block) and node's own response class (on the Response).
  it.each([
    ['as the gateway serves (into node\'s header block)', SECURED_SERVER_OPTIONS],
    ['under node\'s own response class (on the finished response)', {}],
  ])("keep the response's own headers over HTTP, %s: several Set-Cookie, a status line, no duplicates", async (_how, serverOptions) => {
    const app = new Hono();
    app.get('/two-cookies', (c) => {
      c.header('Set-Cookie', 'a=1; Path=/', { append: true });
      c.header('Set-Cookie', 'b=2; Path=/', { append: true });
      return c.text('ok', 201);
    });
    const server = serve({ fetch: withSecurityHeaders(app).fetch, port: 0, hostname: '127.0.0.1', serverOptions });
    try {
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/two-cookies`);
      expect(response.status).toBe(201);
      expect(await response.text()).toBe('ok');
      expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
      expect(securityHeadersOf(response)).toEqual(expected);
      // Each security header once: fetch joins repeated ones with ", ".
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('content-security-policy')).not.toContain(', ');
    } finally {
      server.close();
    }
  });
});
