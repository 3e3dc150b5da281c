import { serve } from '@hono/node-server';
import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requestHeader, requestHeaders } from '../gateway/http/request-headers.ts';

/** The headers a request sent as the gateway reads them, over real HTTP (node's parser, not app.request). */
async function seen(headers: Record<string, string | string[]>): Promise<{ all: Record<string, unknown>; one: unknown }> {
  const app = new Hono();
  app.get('/', (c) => c.json({ all: requestHeaders(c), one: requestHeader(c, 'set-cookie') ?? null }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, path: '/', headers });
    req.end();
    const [response] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    let body = '';
    for await (const chunk of response) body += chunk;
    return JSON.parse(body);
  } finally {
    server.close();
  }
}

describe('request headers as the handset pages read them', () => {
  it('are one string each, repeated ones joined as node joins them', async () => {
    const { all } = await seen({ 'User-Agent': 'DoCoMo/2.0 P07A3(c500;TB;W24H15)', 'X-DCMGUID': 'abc1234', Accept: ['text/html', 'image/gif'] });
    expect(all['user-agent']).toBe('DoCoMo/2.0 P07A3(c500;TB;W24H15)');
    expect(all['x-dcmguid']).toBe('abc1234');
    expect(all.accept).toBe('text/html, image/gif');
  });

  it('join the one header node keeps as a list (Set-Cookie) too', async () => {
    const { all, one } = await seen({ 'User-Agent': 'KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0', 'Set-Cookie': ['a=1', 'b=2'] });
    expect(all['set-cookie']).toBe('a=1, b=2');
    expect(one).toBe('a=1, b=2');
    expect(all['user-agent']).toBe('KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0');
  });
});
