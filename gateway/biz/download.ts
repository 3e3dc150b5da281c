import { Hono } from 'hono';
import type { Handset } from '../carrier/handset.ts';
import { detectHandset } from '../carrier/detect.ts';
import type { PackageCatalog } from '../app/catalog.ts';
import { appFileName, publicOrigin, type AppCarrier } from '../app/paths.ts';
import { packageFitter } from '../app/profile.ts';
import { carrierOf, descriptor } from '../app/routes.ts';
import { requestHeaders } from '../http/request-headers.ts';
import type { Page } from '../markup/page.ts';
import { unsupportedPage } from '../mobile/pages.ts';
import { qrSvg } from '../mobile/qr.ts';
import { send } from '../mobile/routes.ts';
import type { TenantRepository } from '../store/database.ts';
import type { Tenant } from '../store/schema.ts';

/** `/m/biz/<サービスID>/<carrier>/<descriptor>`: the business bank's app, no ticket needed. */
export function bizDescriptorUrl(serviceId: string, carrier: AppCarrier): string {
  return `/m/biz/${serviceId}/${carrier}/${appFileName(carrier, carrier === 'docomo' ? 'jam' : 'jad')}`;
}

/** Which carrier's package a Java handset gets; null for handsets that get no package. */
function javaCarrier(handset: Handset): AppCarrier | null {
  if (handset.app === 'doja') return 'docomo';
  if (handset.app === 'midp') return handset.carrier === 'au' ? 'au' : 'softbank';
  return null;
}

/** The business bank's download page: the app enrols itself, so anyone at the company may open it. */
export function bizDownloadPage(tenant: Tenant, handset: Handset, pageUrl: string, fits: boolean): Page {
  const title = `${tenant.name} アプリダウンロード`;
  const intro = [
    { kind: 'heading', text: tenant.name },
    { kind: 'text', text: '法人インターネットバンキング ワンタイムパスワードアプリのダウンロード' },
    { kind: 'rule' },
  ] as const;
  if (handset.carrier === 'pc') {
    return { title, blocks: [...intro, { kind: 'text', text: 'このページは携帯電話で開いてください。', emphasis: true }, { kind: 'svg', markup: qrSvg(pageUrl) }, { kind: 'text', text: pageUrl }] };
  }
  const carrier = javaCarrier(handset);
  if (!carrier || !fits) return unsupportedPage(handset);
  const setup = { kind: 'text', text: 'アプリを起動し、利用規約に同意して「送信」を押すと、シリアル番号とワンタイムパスワードが表示されます。シリアル番号を管理者の方にお知らせください。' } as const;
  const download =
    carrier === 'docomo'
      ? ({ kind: 'iappli', jam: bizDescriptorUrl(tenant.serviceId, 'docomo'), label: 'ダウンロード', key: 1, fallback: '/m/help' } as const)
      : ({ kind: 'link', href: bizDescriptorUrl(tenant.serviceId, carrier), label: 'ダウンロード', key: 1 } as const);
  const lead = carrier === 'docomo' ? 'iアプリ' : carrier === 'au' ? 'EZアプリ' : 'S!アプリ';
  return { title, blocks: [...intro, { kind: 'text', text: `次のリンクから${lead}をダウンロードしてください。` }, download, setup] };
}

/** `/m/biz/<サービスID>` and its descriptors (docs/business.md); mounted at `/m`. */
export function bizDownloadRoutes(deps: { tenants: TenantRepository; packages: PackageCatalog; publicUrl?: string }): Hono {
  const app = new Hono();
  const fits = packageFitter(deps.packages);
  const businessBank = async (serviceId: string) => {
    const tenant = /^\d{8}$/.test(serviceId) ? await deps.tenants.byServiceId(serviceId) : undefined;
    return tenant?.kind === 'business' ? tenant : undefined;
  };
  app.get('/biz/:serviceId', async (c) => {
    const headers = requestHeaders(c);
    const handset = detectHandset(headers);
    const tenant = await businessBank(c.req.param('serviceId'));
    if (!tenant) return send({ title: 'ダウンロードできません', blocks: [{ kind: 'heading', text: 'ダウンロードできません' }, { kind: 'text', text: 'URLが正しくありません。', emphasis: true }] }, handset, 404);
    const pageUrl = `${publicOrigin(c.req.url, deps.publicUrl)}/m/biz/${tenant.serviceId}`;
    return send(bizDownloadPage(tenant, handset, pageUrl, await fits(handset, headers['user-agent'] ?? '', tenant.id)), handset, 200);
  });
  app.get('/biz/:serviceId/:carrier/:file', async (c) => {
    const carrier = carrierOf(c.req.param('carrier'));
    const tenant = carrier ? await businessBank(c.req.param('serviceId')) : undefined;
    if (!carrier || !tenant || c.req.param('file') !== appFileName(carrier, carrier === 'docomo' ? 'jam' : 'jad')) return c.text('ファイルが見つかりません。', 404);
    return descriptor(c, deps, tenant.id, carrier, { serviceId: tenant.serviceId });
  });
  return app;
}
