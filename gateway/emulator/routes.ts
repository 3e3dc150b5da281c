import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bundleBrowserEntry } from '../../emulator/bundle.ts';
import { DEVICES, findDevice, publicDevice } from '../../emulator/catalog.ts';
import { parseProxyRequest, ProxyError, proxyResponse, upstreamRequest } from '../../emulator/proxy.ts';
import { publicOrigin } from '../app/paths.ts';
import { EMULATOR_CSS } from '../../emulator/ui/style.ts';

const UI_ENTRY = fileURLToPath(new URL('../../emulator/ui/main.tsx', import.meta.url));

const PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>ケータイ エミュレータ</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="/emulator/emulator.css"></head>
<body><div id="emulator"></div><script src="/emulator/app.js"></script></body></html>`;

/**
 * The handset emulator: its page and bundle, the device catalogue, and the proxy its mini browser
 * uses. `dispatch` is the gateway's own fetch: proxied requests never leave the process.
 */
export function emulatorRoutes(deps: { dispatch: (request: Request) => Response | Promise<Response>; publicUrl?: string }): Hono {
  const app = new Hono();
  app.get('/emulator', (c) => c.redirect('/emulator/'));
  app.get('/emulator/', (c) => c.html(PAGE));
  app.get('/emulator/app.js', async (c) => {
    const bytes = await bundleBrowserEntry(UI_ENTRY);
    return c.body(bytes, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  app.get('/emulator/emulator.css', (c) => c.body(EMULATOR_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/emulator/api/devices', (c) => c.json(DEVICES.map(publicDevice)));
  app.post('/emulator/proxy', async (c) => {
    const origin = new URL(c.req.url).origin;
    let input: unknown;
    try {
      input = await c.req.json();
    } catch {
      return c.json({ error: 'リクエストの形式が正しくありません。' }, 400);
    }
    try {
      // Links in mails use PUBLIC_URL when it is set: that origin is the gateway too.
      const request = parseProxyRequest(input, [origin, new URL(publicOrigin(c.req.url, deps.publicUrl)).origin]);
      const device = findDevice(request.device);
      if (!device) return c.json({ error: '端末が見つかりません。' }, 400);
      if (request.target.pathname.startsWith('/emulator/')) return c.json({ error: 'このURLには接続できません。' }, 403);
      const response = await deps.dispatch(upstreamRequest(device, request));
      return c.json(await proxyResponse(device, request.url, response));
    } catch (error) {
      if (error instanceof ProxyError) return c.json({ error: error.message }, 403);
      throw error;
    }
  });
  return app;
}
