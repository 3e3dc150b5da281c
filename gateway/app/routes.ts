import { Hono } from 'hono';
import { encodeShiftJis } from '../markup/shift-jis.ts';
import { checkTicket, type TicketLookup } from '../mobile/ticket.ts';
import type { AppPackage, PackageCatalog } from './catalog.ts';
import { jad, jam } from './descriptor.ts';
import { appFileUrl, publicOrigin, type AppCarrier } from './paths.ts';

const FILES: Record<string, { carriers: AppCarrier[] }> = {
  'ketai-token.jam': { carriers: ['docomo'] },
  'ketai-token.jad': { carriers: ['au', 'softbank'] },
  'ketai-token.jar': { carriers: ['docomo', 'au', 'softbank'] },
};

/** Descriptors and packages under `/m/app/<ticket>/<carrier>/…`; mounted at `/m`. Refused unless the ticket is valid. */
export function appRoutes(deps: { lookupTicket: TicketLookup; packages: PackageCatalog; publicUrl?: string }): Hono {
  const app = new Hono();
  app.get('/app/:ticket/:carrier/:file', async (c) => {
    const { ticket, carrier, file } = c.req.param();
    const allowed = FILES[file]?.carriers.find((name) => name === carrier);
    if (!allowed) return c.text('ファイルが見つかりません。', 404);
    const state = checkTicket(deps.lookupTicket, ticket);
    if (state.status !== 'valid') {
      return c.text(state.status === 'unknown' ? 'URLが正しくありません。' : 'このURLは有効期限切れか使用済みです。', state.status === 'unknown' ? 404 : 410);
    }
    let item: AppPackage;
    try {
      item = await deps.packages.get(state.tenantId, allowed);
    } catch (error) {
      // A missing vendor file or a failed build is the operator's to fix; the handset gets a retry hint.
      console.error(`app package for ${allowed} unavailable: ${(error as Error).message}`);
      return c.text('ただいまダウンロードできません。しばらくしてからもう一度お試しください。', 503);
    }
    c.header('Cache-Control', 'no-store');
    const origin = publicOrigin(c.req.url, deps.publicUrl);
    const jarUrl = `${origin}${appFileUrl(ticket, allowed, 'jar')}`;
    if (file.endsWith('.jar')) {
      return c.body(item.bytes, 200, { 'Content-Type': 'application/java-archive', 'Content-Length': String(item.bytes.length) });
    }
    if (file.endsWith('.jam')) {
      const body = encodeShiftJis(jam(item, jarUrl));
      return c.body(body, 200, { 'Content-Type': 'application/x-jam', 'Content-Length': String(body.length) });
    }
    const body = new TextEncoder().encode(jad(item, jarUrl, allowed as Exclude<AppCarrier, 'docomo'>));
    return c.body(body, 200, {
      'Content-Type': 'text/vnd.sun.j2me.app-descriptor; charset=UTF-8',
      'Content-Length': String(body.length),
    });
  });
  return app;
}
