import { fileURLToPath } from 'node:url';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bundleBrowserEntry } from '../../emulator/bundle.ts';
import { DEVICES, findDevice, publicDevice } from '../../emulator/catalog.ts';
import { checkRedirect, parseProxyRequest, ProxyError, proxyResponse, upstreamRequest } from '../../emulator/proxy.ts';
import { fetchRemote, type RemoteLimits } from '../../emulator/remote.ts';
import { parseRecording, RecordingError } from '../../emulator/recording.ts';
import { writeScenarioFile } from '../../emulator/scenario-file.ts';
import { publicOrigin } from '../app/paths.ts';
import { EMULATOR_CSS } from '../../emulator/ui/style.ts';

const UI_ENTRY = fileURLToPath(new URL('../../emulator/ui/main.tsx', import.meta.url));

const PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>ケータイ エミュレータ</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="/emulator/emulator.css"></head>
<body><div id="emulator"></div><script src="/emulator/app.js"></script></body></html>`;

/**
 * Only the emulator page itself may use the proxy and save scenarios: another site open in the tester's
 * browser must not make the gateway fetch the tester's listed sites or write files.
 */
const sameOrigin: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if ((origin && origin !== new URL(c.req.url).origin) || (site && site !== 'same-origin' && site !== 'none')) {
    return c.json({ error: 'エミュレータの画面以外からは使えません。' }, 403);
  }
  await next();
};

/** Like the portal's forms: a handset never posts more, and a bigger body is refused before it is read. */
const MAX_PROXY_BODY = 32 * 1024;

export interface EmulatorDeps {
  /** The gateway's own fetch: its pages never leave the process. */
  dispatch: (request: Request) => Response | Promise<Response>;
  publicUrl?: string;
  /** Testers' own sites (`EMULATOR_ORIGINS`), fetched over the network with the device's headers. */
  remoteOrigins?: readonly string[];
  remoteLimits?: RemoteLimits;
  /** Where the record button saves scenarios (SCENARIOS_DIR); unset: saving is off, downloading still works. */
  scenariosDir?: string;
}

/**
 * The handset emulator: its page and bundle, the device catalogue, and the proxy its mini browser
 * uses: the gateway's own pages in process, the listed sites by a limited fetch.
 */
export function emulatorRoutes(deps: EmulatorDeps): Hono {
  const app = new Hono();
  app.get('/emulator', (c) => c.redirect('/emulator/'));
  app.get('/emulator/', (c) => c.html(PAGE));
  app.get('/emulator/app.js', async (c) => {
    const bytes = await bundleBrowserEntry(UI_ENTRY);
    return c.body(bytes, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  app.get('/emulator/emulator.css', (c) => c.body(EMULATOR_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/emulator/api/devices', (c) => c.json(DEVICES.map(publicDevice)));
  app.get('/emulator/api/origins', (c) => c.json(deps.remoteOrigins ?? []));
  app.use('/emulator/proxy', sameOrigin);
  app.use('/emulator/api/scenarios', sameOrigin);
  app.post('/emulator/api/scenarios', bodyLimit({ maxSize: MAX_PROXY_BODY * 4, onError: (c) => c.json({ error: '記録が大きすぎます。' }, 413) }), async (c) => {
    if (!deps.scenariosDir) return c.json({ error: 'シナリオの保存先（SCENARIOS_DIR）が設定されていません。' }, 404);
    try {
      const recording = parseRecording(await c.req.json().catch(() => null));
      const file = await writeScenarioFile(deps.scenariosDir, recording);
      return c.json({ name: recording.name, file, run: `npm run scenario -- ${recording.name}` }, 201);
    } catch (error) {
      if (error instanceof RecordingError) return c.json({ error: error.message }, error.status);
      throw error;
    }
  });
  app.post(
    '/emulator/proxy',
    bodyLimit({ maxSize: MAX_PROXY_BODY, onError: (c) => c.json({ error: `リクエストが大きすぎます（上限 ${MAX_PROXY_BODY / 1024}KB）。` }, 413) }),
    async (c) => {
      let input: unknown;
      try {
        input = await c.req.json();
      } catch {
        return c.json({ error: 'リクエストの形式が正しくありません。' }, 400);
      }
      // Links in mails use PUBLIC_URL when it is set: that origin is the gateway too.
      const origins = { gateway: [new URL(c.req.url).origin, new URL(publicOrigin(c.req.url, deps.publicUrl)).origin], remote: deps.remoteOrigins ?? [] };
      try {
        const request = parseProxyRequest(input, origins);
        const device = findDevice(request.device);
        if (!device) return c.json({ error: '端末が見つかりません。' }, 400);
        const sent = upstreamRequest(device, request);
        const response = request.remote ? await fetchRemote(sent.clone(), deps.remoteLimits) : await deps.dispatch(sent.clone());
        checkRedirect(response, request.target, origins);
        return c.json(await proxyResponse(device, sent, response, request.remote));
      } catch (error) {
        if (error instanceof ProxyError) return c.json({ error: error.message }, error.status);
        throw error;
      }
    },
  );
  return app;
}
