import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { accessLog } from './access-log.ts';
import { createPackageCatalog } from './app/catalog.ts';
import { appRoutes } from './app/routes.ts';
import { handsetRoutes } from './carrier/routes.ts';
import { emulatorRoutes } from './emulator/routes.ts';
import { bizServices } from './biz/index.ts';
import { bizDownloadRoutes } from './biz/download.ts';
import { enrolRoutes } from './biz/enrol-routes.ts';
import { bizRoutes } from './biz/routes.tsx';
import { mailboxRoutes } from './mail/routes.ts';
import { mobileRoutes } from './mobile/routes.ts';
import { provisioningRoutes } from './provisioning/routes.ts';
import { portalRoutes } from './portal/routes.tsx';
import type { Services } from './services.ts';
import { webTokenRoutes } from './webtoken/routes.ts';
import { buildHandsetBundle } from '../handset/build.ts';

/**
 * The gateway's HTTP surface: each feature is a Hono sub-app mounted on its prefix (several may
 * share one). Domain code lives in the services; routes only translate HTTP.
 */
export function createApp(services: Services): Hono {
  const app = new Hono();
  if (process.env.ACCESS_LOG === '1') app.use(accessLog());
  app.use(secureHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  const biz = bizServices(services);
  app.route('/m/app', provisioningRoutes(services.issuance));
  app.route('/m/app', enrolRoutes(biz.enrolment));
  app.route('/m/app/web', webTokenRoutes());
  app.route('/', handsetRoutes());
  const packages = createPackageCatalog({ dataDir: services.config.dataDir, bundle: buildHandsetBundle });
  const handsetPages = { lookupTicket: services.issuance.lookupTicket, packages, publicUrl: services.config.publicUrl };
  app.route('/m', mobileRoutes(handsetPages));
  app.route('/m', appRoutes(handsetPages));
  app.route('/m', bizDownloadRoutes({ tenants: services.db.tenants, packages, ...(services.config.publicUrl ? { publicUrl: services.config.publicUrl } : {}) }));
  app.route('/', mailboxRoutes(services.outbox, services.devMailbox));
  app.route('/', emulatorRoutes({ dispatch: (request) => app.fetch(request), ...(services.config.publicUrl ? { publicUrl: services.config.publicUrl } : {}) }));
  app.route('/', bizRoutes(services, biz.admin));
  app.route('/', portalRoutes(services));
  return app;
}
