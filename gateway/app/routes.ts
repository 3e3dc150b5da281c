import { Hono, type Context } from 'hono';
import { detectHandset } from '../carrier/detect.ts';
import { encodeShiftJis } from '../markup/shift-jis.ts';
import type { TicketLookup } from '../mobile/ticket.ts';
import type { AppPackage, PackageCatalog } from './catalog.ts';
import { jad, jam, type DescriptorOptions } from './descriptor.ts';
import { APP_CARRIERS, appFileName, DEFAULT_TENANT, packageUrl, publicOrigin, type AppCarrier } from './paths.ts';
import { fitsHandset, javaProfile, type JavaProfile } from './profile.ts';

const TENANT = /^[A-Za-z0-9_-]{1,64}$/;
/** The TypeScript twin the emulator runs for the built-in app (the web token's bundle). */
const TWIN_PATH = '/m/app/web/token.js';
/** What a descriptor states for a client we cannot identify (a PC, a test): the app's own minimum. */
const UNIDENTIFIED: Record<'doja' | 'midp', JavaProfile> = {
  doja: { kind: 'doja', profile: 'DoJa-2.0', configuration: 'CLDC-1.0', maxAppBytes: Infinity },
  midp: { kind: 'midp', profile: 'MIDP-2.0', configuration: 'CLDC-1.1', maxAppBytes: Infinity },
};

export function carrierOf(name: string): AppCarrier | undefined {
  return APP_CARRIERS.find((carrier) => carrier === name);
}

/** Where descriptors come from: the packages, and the origin their URLs are on. */
export interface DescriptorSource {
  packages: PackageCatalog;
  publicUrl?: string;
}

/**
 * The descriptor of the tenant's package for the requesting handset's Java profile (406 when the
 * package does not fit it), carrying `extra` (an issuance binding, or a business bank's サービスID).
 */
export async function descriptor(c: Context, deps: DescriptorSource, tenantId: string, carrier: AppCarrier, extra: Pick<DescriptorOptions, 'binding' | 'serviceId'>): Promise<Response> {
  const kind = carrier === 'docomo' ? 'doja' : 'midp';
  let item: AppPackage;
  try {
    item = await deps.packages.get(tenantId, carrier);
  } catch (error) {
    console.error(`app package for ${carrier} unavailable: ${(error as Error).message}`);
    return c.text('ただいまダウンロードできません。しばらくしてからもう一度お試しください。', 503);
  }
  const userAgent = c.req.header('user-agent') ?? '';
  const detected = javaProfile(detectHandset(c.req.header()), userAgent);
  const profile = detected?.kind === kind ? detected : UNIDENTIFIED[kind];
  if (!fitsHandset(profile, item.bytes.length)) return c.text('この機種ではご利用いただけません。', 406);
  const origin = publicOrigin(c.req.url, deps.publicUrl);
  const options: DescriptorOptions = {
    packageUrl: `${origin}${packageUrl(tenantId, carrier)}`,
    ...extra,
    twinUrl: item.source === 'built-in' ? `${origin}${TWIN_PATH}` : undefined,
  };
  c.header('Cache-Control', 'no-store');
  if (kind === 'doja') {
    const body = encodeShiftJis(jam(item, profile, options));
    return c.body(body, 200, { 'Content-Type': 'application/x-jam', 'Content-Length': String(body.length) });
  }
  const body = new TextEncoder().encode(jad(item, carrier as Exclude<AppCarrier, 'docomo'>, profile, options));
  return c.body(body, 200, { 'Content-Type': 'text/vnd.sun.j2me.app-descriptor; charset=UTF-8', 'Content-Length': String(body.length) });
}

/**
 * Descriptors under `/m/app/dl/<ticket>/<carrier>/…` and packages under `/m/app/pkg/<tenant>/<carrier>/…`;
 * mounted at `/m`. A valid ticket's descriptor carries the issuance binding; a used ticket's still
 * answers, without it, so the handset's バージョンアップ (which re-reads the descriptor) works.
 */
export function appRoutes(deps: { lookupTicket: TicketLookup; packages: PackageCatalog; publicUrl?: string }): Hono {
  const app = new Hono();

  async function load(c: Context, tenantId: string, carrier: AppCarrier): Promise<AppPackage | Response> {
    try {
      return await deps.packages.get(tenantId, carrier);
    } catch (error) {
      // A missing vendor file is the operator's to fix; the handset gets a retry hint.
      console.error(`app package for ${carrier} unavailable: ${(error as Error).message}`);
      return c.text('ただいまダウンロードできません。しばらくしてからもう一度お試しください。', 503);
    }
  }

  app.get('/app/pkg/:tenant/:carrier/:file', async (c) => {
    const { tenant, file } = c.req.param();
    const carrier = carrierOf(c.req.param('carrier'));
    if (!carrier || file !== appFileName(carrier, 'jar') || !TENANT.test(tenant)) return c.text('ファイルが見つかりません。', 404);
    const item = await load(c, tenant, carrier);
    if (item instanceof Response) return item;
    return c.body(item.bytes, 200, { 'Content-Type': 'application/java-archive', 'Content-Length': String(item.bytes.length), 'Cache-Control': 'no-cache' });
  });

  app.get('/app/dl/:ticket/:carrier/:file', async (c) => {
    const { ticket, file } = c.req.param();
    const carrier = carrierOf(c.req.param('carrier'));
    const kind = carrier === 'docomo' ? 'doja' : 'midp';
    if (!carrier || file !== appFileName(carrier, kind === 'doja' ? 'jam' : 'jad')) return c.text('ファイルが見つかりません。', 404);
    const state = await deps.lookupTicket(ticket);
    if (state.status === 'unknown') return c.text('URLが正しくありません。', 404);
    if (state.status === 'expired') return c.text('このURLは有効期限切れです。', 410);
    const tenantId = 'tenantId' in state ? state.tenantId : DEFAULT_TENANT;
    return descriptor(c, deps, tenantId, carrier, { binding: state.status === 'valid' ? ticket : undefined });
  });
  return app;
}
