import { Hono, type Context } from 'hono';
import { encodeShiftJis } from '../markup/shift-jis.ts';
import { checkTicket, type TicketLookup } from '../mobile/ticket.ts';
import type { AppPackage, PackageCatalog } from './catalog.ts';
import { jad, jam, type AppParams } from './descriptor.ts';
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
    const allowed = appCarrier(file, carrier);
    if (!allowed) return c.text('ファイルが見つかりません。', 404);
    const state = await checkTicket(deps.lookupTicket, ticket);
    if (state.status !== 'valid') {
      return c.text(state.status === 'unknown' ? 'URLが正しくありません。' : 'このURLは有効期限切れか使用済みです。', state.status === 'unknown' ? 404 : 410);
    }
    const origin = publicOrigin(c.req.url, deps.publicUrl);
    return appFile(c, deps.packages, state.tenantId, allowed, file, `${origin}${appFileUrl(ticket, allowed, 'jar')}`);
  });
  return app;
}

/** The carrier a file name is served for, or null for a file that does not exist. */
export function appCarrier(file: string, carrier: string): AppCarrier | null {
  return FILES[file]?.carriers.find((name) => name === carrier) ?? null;
}

/** A bank's descriptor (`.jam` / `.jad`, carrying `params`) or package (`.jar`) for one carrier. */
export async function appFile(c: Context, packages: PackageCatalog, tenantId: string, carrier: AppCarrier, file: string, jarUrl: string, params: AppParams = {}): Promise<Response> {
  let item: AppPackage;
  try {
    item = await packages.get(tenantId, carrier);
  } catch (error) {
    // A missing vendor file or a failed build is the operator's to fix; the handset gets a retry hint.
    console.error(`app package for ${carrier} unavailable: ${(error as Error).message}`);
    return c.text('ただいまダウンロードできません。しばらくしてからもう一度お試しください。', 503);
  }
  c.header('Cache-Control', 'no-store');
  if (file.endsWith('.jar')) {
    return c.body(item.bytes.slice().buffer, 200, { 'Content-Type': 'application/java-archive', 'Content-Length': String(item.bytes.length) });
  }
  if (file.endsWith('.jam')) {
    const body = encodeShiftJis(jam(item, jarUrl, params));
    return c.body(body.slice().buffer, 200, { 'Content-Type': 'application/x-jam', 'Content-Length': String(body.length) });
  }
  const body = new TextEncoder().encode(jad(item, jarUrl, carrier as Exclude<AppCarrier, 'docomo'>, params));
  return c.body(body.slice().buffer, 200, {
    'Content-Type': 'text/vnd.sun.j2me.app-descriptor; charset=UTF-8',
    'Content-Length': String(body.length),
  });
}
