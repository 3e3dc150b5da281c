import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import UAParser from 'ua-parser-js';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { table } from '../test/fixtures/user-agents.ts';
import { VALID, mobileApp } from '../test/helpers/mobile-app.ts';
import { perSecond, report } from './machine.ts';

const DURATION_MS = 2000;
const WARM_UP_MS = 500;
const CONNECTIONS = 32;
const userAgents = table.map(([userAgent]) => userAgent);

function ratio(name: string, value: number): void {
  console.log(`  ${name.padEnd(58)} ${value.toFixed(3).padStart(12)}`);
}

/** Detections per second against ua-parser-js on the same list, and download-page renders against /healthz over HTTP. */
export async function benchCarrier(dataDir: string): Promise<void> {
  let index = 0;
  const cached = await perSecond(DURATION_MS, () => detectHandset({ 'user-agent': userAgents[index++ % userAgents.length] }), 1);
  report(`detectHandset over ${userAgents.length} user agents, cached`, cached, 'ops/s');
  // Every header set new (an EMnet id no one else sends), so each call misses the cache: detection itself.
  const ours = await perSecond(DURATION_MS, () => detectHandset({ 'user-agent': userAgents[index % userAgents.length], 'x-em-uid': `u${String(index++).padStart(8, '0')}` }), 1);
  report(`detectHandset over ${userAgents.length} user agents, uncached`, ours, 'ops/s');
  const theirs = await perSecond(DURATION_MS, () => new UAParser(userAgents[index++ % userAgents.length]).getResult(), 1);
  report('ua-parser-js getResult on the same list', theirs, 'ops/s');
  ratio('ratio detectHandset (uncached) / ua-parser-js', ours / theirs);

  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/', mobileApp(dataDir));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // node:http with keep-alive: far less client overhead than fetch, so the server's share shows.
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const once = (path: string, userAgent: string) =>
    new Promise<void>((resolve, reject) => {
      request(base + path, { agent, headers: { 'user-agent': userAgent } }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${path} answered ${response.statusCode}`))));
      })
        .on('error', reject)
        .end();
    });
  const hit = (path: string, userAgent: string) => () => Promise.all(Array.from({ length: CONNECTIONS }, () => once(path, userAgent)));
  const healthz = hit('/healthz', 'bench');
  const download = hit(`/m/dl/${VALID}`, 'DoCoMo/1.0/D503i');
  try {
    // Warm both paths first (sockets opened, code compiled) so neither figure carries start-up costs.
    await perSecond(WARM_UP_MS, healthz, CONNECTIONS);
    await perSecond(WARM_UP_MS, download, CONNECTIONS);
    const health = await perSecond(DURATION_MS, healthz, CONNECTIONS);
    report(`GET /healthz (${CONNECTIONS} concurrent)`, health, 'req/s');
    const page = await perSecond(DURATION_MS, download, CONNECTIONS);
    report('GET /m/dl/<ticket>, i-mode Shift_JIS page', page, 'req/s');
    ratio('ratio download page / healthz', page / health);
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}
