import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { ConfigError, loadConfig } from '../gateway/config.ts';
import { emulatorRoutes } from '../gateway/emulator/routes.ts';
import type { ProxyResponse } from '../emulator/proxy.ts';
import { findDevice } from '../emulator/catalog.ts';
import { startStandInSite, type StandInSite } from './helpers/stand-in-site.ts';

let site: StandInSite;
let other: Server;
let otherOrigin: string;
let app: Hono;

beforeAll(async () => {
  site = await startStandInSite();
  // A second server on the same address, another port: not listed, so never reached.
  other = createServer((_request, response) => response.end('other'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  app = new Hono();
  app.route('/', emulatorRoutes({ dispatch: (request) => app.fetch(request), remoteOrigins: [site.origin], remoteLimits: { maxBytes: 1024 * 1024, timeoutMs: 1_000 } }));
});

afterAll(async () => {
  await site.close();
  await new Promise((resolve) => other.close(resolve));
});

async function proxy(body: Record<string, unknown>): Promise<{ status: number; data: ProxyResponse & { error?: string } }> {
  const response = await app.request('http://gw.test/emulator/proxy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, data: (await response.json()) as ProxyResponse & { error?: string } };
}

describe('EMULATOR_ORIGINS: a tester’s own site through the proxy', () => {
  it('fetches a listed origin with the device’s UA, carrier headers and cookies', async () => {
    const { status, data } = await proxy({ device: 'au-w31ca', url: `${site.origin}/echo`, cookie: 'visit=1' });
    expect(status).toBe(200);
    expect(data.remote).toBe(true);
    const received = JSON.parse(Buffer.from(data.body, 'base64').toString()) as Record<string, string>;
    expect(received['user-agent']).toBe(data.sent.headers['user-agent']);
    expect(received['user-agent']).toContain('KDDI-CA32');
    expect(received['x-up-subno']).toBe(findDevice('au-w31ca')!.headers['x-up-subno']);
    expect(received.cookie).toBe('visit=1');
    // Exactly what the handset sends (and what the inspector shows), nothing a desktop client would add.
    const { host, connection, ...sent } = received;
    expect(host).toBe(site.origin.slice('http://'.length));
    expect(connection).toBe('close');
    expect(sent).toEqual(data.sent.headers);
    const posted = await proxy({ device: 'au-w31ca', url: `${site.origin}/echo`, method: 'POST', body: 'a=%82%A0' });
    expect(JSON.parse(Buffer.from(posted.data.body, 'base64').toString())).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '8' });
    // A cookie-less i-mode handset sends none, and keeps none of the site's.
    const sh905i = await proxy({ device: 'docomo-sh905i', url: `${site.origin}/`, cookie: 'visit=1' });
    expect(site.seen.at(-1)!.headers.cookie).toBeUndefined();
    expect(sh905i.data.setCookies).toEqual([]);
    expect(sh905i.data.headers['set-cookie']).toBe('visit=1; Path=/');
    expect((await proxy({ device: 'docomo-p07a', url: `${site.origin}/` })).data.setCookies).toEqual(['visit=1; Path=/']);
  });

  it('returns a redirect within the site for the browser to follow, and refuses one off the list', async () => {
    const hop = await proxy({ device: 'docomo-p07a', url: `${site.origin}/hop` });
    expect(hop.status).toBe(200);
    expect(hop.data.status).toBe(302);
    expect(hop.data.location).toBe('/echo');
    for (const to of ['http://evil.test/', `${otherOrigin}/`, 'http://user:pw@127.0.0.1/', 'http://gw.test/%65mulator/proxy']) {
      const seen = site.seen.length;
      const away = await proxy({ device: 'docomo-p07a', url: `${site.origin}/away?to=${encodeURIComponent(to)}` });
      expect(site.seen.length).toBe(seen + 1);
      expect(away.status, to).toBe(403);
      expect(away.data.error, to).toContain('リダイレクト先');
    }
  });

  it('refuses an unlisted host, another port, other schemes and credentials without connecting', async () => {
    const seen = site.seen.length;
    for (const url of ['http://localhost:1/', `${otherOrigin}/`, site.origin.replace('127.0.0.1', 'localhost'), site.origin.replace('http:', 'https:'), 'http://[::1]/', 'http://2130706433/']) {
      const { status, data } = await proxy({ device: 'docomo-p07a', url });
      expect(status, url).toBe(403);
      expect(data.error, url).toContain('EMULATOR_ORIGINS');
    }
    const credentials = await proxy({ device: 'docomo-p07a', url: site.origin.replace('//', '//tester:secret@') + '/' });
    expect(credentials.status).toBe(400);
    expect(site.seen.length).toBe(seen);
  });

  it('stops an oversized body and a slow site with a Japanese reason', async () => {
    const huge = await proxy({ device: 'docomo-p07a', url: `${site.origin}/huge` });
    expect(huge.status).toBe(502);
    expect(huge.data.error).toContain('1024KB');
    const started = Date.now();
    const slow = await proxy({ device: 'docomo-p07a', url: `${site.origin}/slow` });
    expect(slow.status).toBe(504);
    expect(slow.data.error).toContain('応答がありませんでした');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('keeps the gateway in process and its own routes blocked even when EMULATOR_ORIGINS lists it', async () => {
    const both = new Hono();
    both.route('/', emulatorRoutes({ dispatch: (request) => both.fetch(request), remoteOrigins: ['http://gw.test'] }));
    const request = (url: string) => both.request('http://gw.test/emulator/proxy', { method: 'POST', body: JSON.stringify({ device: 'docomo-p07a', url }) });
    expect((await request('/emulator/api/devices')).status).toBe(403);
    const health = (await (await request('/healthz')).json()) as ProxyResponse;
    expect(health.remote).toBe(false);
  });

  it('reports a site that is down as 502', async () => {
    const closed = new Hono();
    closed.route('/', emulatorRoutes({ dispatch: () => new Response(), remoteOrigins: ['http://127.0.0.1:9'] }));
    const response = await closed.request('http://gw.test/emulator/proxy', { method: 'POST', body: JSON.stringify({ device: 'docomo-p07a', url: 'http://127.0.0.1:9/' }) });
    expect(response.status).toBe(502);
  });
});

describe('EMULATOR_ORIGINS in the configuration', () => {
  it('is off by default and takes bare origins', () => {
    expect(loadConfig({}).emulatorOrigins).toEqual([]);
    expect(loadConfig({ EMULATOR_ORIGINS: 'https://staging.bank.example, http://127.0.0.1:9000/' }).emulatorOrigins).toEqual(['https://staging.bank.example', 'http://127.0.0.1:9000']);
  });

  it('refuses paths, credentials, other schemes and production mode', () => {
    for (const value of ['https://bank.example/path', 'https://u:p@bank.example', 'ftp://bank.example', 'bank.example', 'https://bank.example?x=1']) {
      expect(() => loadConfig({ EMULATOR_ORIGINS: value }), value).toThrow(ConfigError);
    }
    const production = { KETAI_ENV: 'production', PUBLIC_URL: 'https://bank.example', SMTP_URL: 'smtp://mail.bank.example:587' };
    expect(() => loadConfig({ ...production, EMULATOR_ORIGINS: 'https://bank.example' })).toThrow(/EMULATOR_ORIGINS is for testers/);
    // Nor does production mode save recorded scenarios anywhere.
    expect(loadConfig(production).scenariosDir).toBeUndefined();
    expect(loadConfig({ SCENARIOS_DIR: '/tmp/mine' }).scenariosDir).toBe('/tmp/mine');
  });
});
