import { Hono } from 'hono';
import { trimTrailingSlash } from 'hono/trailing-slash';
import type { Handset } from '../carrier/handset.ts';
import { detectHandset } from '../carrier/detect.ts';
import { fitsHandset } from '../carrier/java.ts';
import type { PackageCatalog } from '../app/catalog.ts';
import { publicOrigin, type AppCarrier, type AppFile } from '../app/paths.ts';
import { appCarrier, appFile } from '../app/routes.ts';
import type { Page } from '../markup/page.ts';
import { qrSvg } from '../mobile/qr.ts';
import { packageCarrier, send } from '../mobile/routes.ts';
import { unavailablePage, unsupportedPage } from '../mobile/pages.ts';
import type { TenantRepository } from '../store/database.ts';
import type { Tenant } from '../store/schema.ts';

/** `/m/biz/<サービスID>/<carrier>/ketai-token.<ext>`: the business bank's app, no ticket needed. */
export function bizAppFileUrl(serviceId: string, carrier: AppCarrier, file: AppFile): string {
  return `/m/biz/${serviceId}/${carrier}/ketai-token.${file}`;
}

/** The business bank's download page: the app enrols itself, so anyone at the company may open it. */
export function bizDownloadPage(tenant: Tenant, handset: Handset, pageUrl: string, packageBytes: number | null): Page {
  const title = `${tenant.name} アプリダウンロード`;
  const intro = [
    { kind: 'heading', text: tenant.name },
    { kind: 'text', text: '法人インターネットバンキング ワンタイムパスワードアプリのダウンロード' },
    { kind: 'rule' },
  ] as const;
  const setup = { kind: 'text', text: 'アプリを起動し、利用規約に同意して「送信」を押すと、シリアル番号とワンタイムパスワードが表示されます。シリアル番号を管理者の方にお知らせください。' } as const;
  if (handset.carrier === 'pc') {
    return { title, blocks: [...intro, { kind: 'text', text: 'このページは携帯電話で開いてください。', emphasis: true }, { kind: 'svg', markup: qrSvg(pageUrl) }, { kind: 'text', text: pageUrl }] };
  }
  const carrier = packageCarrier(handset);
  if (!carrier || packageBytes === null || !fitsHandset(handset, packageBytes)) return unsupportedPage(handset);
  const download =
    carrier === 'docomo'
      ? ({ kind: 'iappli', jam: bizAppFileUrl(tenant.serviceId, 'docomo', 'jam'), label: 'ダウンロード', key: 1, fallback: '/m/help' } as const)
      : ({ kind: 'link', href: bizAppFileUrl(tenant.serviceId, carrier, 'jad'), label: 'ダウンロード', key: 1 } as const);
  return { title, blocks: [...intro, { kind: 'text', text: carrier === 'docomo' ? '次のリンクからiアプリをダウンロードしてください。' : `次のリンクから${carrier === 'au' ? 'EZアプリ' : 'S!アプリ'}をダウンロードしてください。` }, download, setup] };
}

/** `/m/biz/<サービスID>` and its descriptors (docs/business.md); mounted at `/m`. */
export function bizDownloadRoutes(deps: { tenants: TenantRepository; packages: PackageCatalog; publicUrl?: string }): Hono {
  const app = new Hono();
  app.use('/biz/*', trimTrailingSlash());
  const businessBank = async (serviceId: string) => {
    const tenant = /^\d{8}$/.test(serviceId) ? await deps.tenants.byServiceId(serviceId) : undefined;
    return tenant?.kind === 'business' ? tenant : undefined;
  };
  app.get('/biz/:serviceId', async (c) => {
    const handset = detectHandset(c.req.header());
    const tenant = await businessBank(c.req.param('serviceId'));
    if (!tenant) return send(c, { title: 'ダウンロードできません', blocks: [{ kind: 'heading', text: 'ダウンロードできません' }, { kind: 'text', text: 'URLが正しくありません。', emphasis: true }] }, handset, 404);
    const carrier = packageCarrier(handset);
    let packageBytes: number | null = null;
    if (carrier) {
      try {
        packageBytes = (await deps.packages.get(tenant.id, carrier)).bytes.length;
      } catch (error) {
        console.error(`app package for ${carrier} unavailable: ${(error as Error).message}`);
        return send(c, unavailablePage(), handset, 503);
      }
    }
    const pageUrl = `${publicOrigin(c.req.url, deps.publicUrl)}/m/biz/${tenant.serviceId}`;
    return send(c, bizDownloadPage(tenant, handset, pageUrl, packageBytes), handset, 200);
  });
  app.get('/biz/:serviceId/:carrier/:file', async (c) => {
    const { serviceId, carrier, file } = c.req.param();
    const allowed = appCarrier(file, carrier);
    const tenant = allowed ? await businessBank(serviceId) : undefined;
    if (!allowed || !tenant) return c.text('ファイルが見つかりません。', 404);
    const jarUrl = `${publicOrigin(c.req.url, deps.publicUrl)}${bizAppFileUrl(tenant.serviceId, allowed, 'jar')}`;
    return appFile(c, deps.packages, tenant.id, allowed, file, jarUrl, { serviceId: tenant.serviceId });
  });
  return app;
}
