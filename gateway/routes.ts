import { Hono } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { accessLog } from './access-log.ts';
import { createPackageCatalog } from './app/catalog.ts';
import { packageFitter } from './app/profile.ts';
import { appRoutes } from './app/routes.ts';
import { apiRoutes } from './api/routes.ts';
import type { Config } from './config.ts';
import { emulatorRoutes } from './emulator/routes.ts';
import { withSecurityHeaders } from './http/security-headers.ts';
import { trailingSlashRedirect } from './http/trailing-slash.ts';
import { bizDownloadRoutes } from './biz/download.ts';
import { bizServices } from './biz/index.ts';
import { enrolRoutes } from './biz/enrol-routes.ts';
import { bizRoutes } from './biz/routes.tsx';
import { mailboxRoutes } from './mail/routes.ts';
import { mobileRoutes } from './mobile/routes.ts';
import { provisioningRoutes } from './provisioning/routes.ts';
import { portalRoutes } from './portal/routes.tsx';
import type { Services } from './services.ts';
import { webTokenRoutes } from './webtoken/routes.ts';

/**
 * What the HTTP surface depends on besides the services: the mode, whether a proxy is trusted, and
 * the emulator's settings (EMULATOR_ORIGINS, SCENARIOS_DIR), which the domain services never see.
 */
export type AppMode = Pick<Config, 'production' | 'trustProxy'> &
  Partial<Pick<Config, 'emulatorOrigins' | 'scenariosDir'>> & {
    /** Where the access log's lines go (ACCESS_LOG=1); the console by default. */
    log?: (line: string) => void;
  };

const DEVELOPMENT: AppMode = { production: false, trustProxy: false };

/**
 * The gateway's HTTP surface: each feature is a Hono sub-app mounted on its prefix (several may
 * share one). Domain code lives in the services; routes only translate HTTP. In production the
 * testers' tools (emulator, its proxy, the dev mailbox) are not mounted at all.
 */
export function createApp(services: Services, mode: AppMode = DEVELOPMENT): Hono {
  // RegExpRouter outright, not SmartRouter's pick: one route it cannot take (a fixed segment beside a
  // parameter, both with more after them) made SmartRouter fall back to TrieRouter, 10–20× slower a
  // match. Such a route now fails every test at once instead.
  const app = new Hono({ router: new RegExpRouter() });
  if (process.env.ACCESS_LOG === '1') app.use(accessLog(mode.log));
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  const biz = bizServices(services);
  app.route('/m/app', provisioningRoutes(services.issuance, mode));
  app.route('/m/app', enrolRoutes(biz.enrolment, mode));
  app.route('/m/app/web', webTokenRoutes());
  app.route('/', apiRoutes(services, mode));
  const handsetPages = { lookupTicket: services.issuance.lookupTicket, publicUrl: services.config.publicUrl };
  const packages = createPackageCatalog({ dataDir: services.config.dataDir });
  app.route('/m', mobileRoutes({ ...handsetPages, packageFits: packageFitter(packages) }));
  app.route('/m', appRoutes({ ...handsetPages, packages }));
  app.route('/m', bizDownloadRoutes({ tenants: services.db.tenants, packages, ...(services.config.publicUrl ? { publicUrl: services.config.publicUrl } : {}) }));
  if (!mode.production) {
    app.route('/', mailboxRoutes(services.outbox, services.devMailbox));
    app.route('/', emulatorRoutes({
      dispatch: (request) => app.fetch(request),
      remoteOrigins: mode.emulatorOrigins ?? [],
      ...(mode.scenariosDir ? { scenariosDir: mode.scenariosDir } : {}),
      ...(services.config.publicUrl ? { publicUrl: services.config.publicUrl } : {}),
    }));
  }
  app.route('/', bizRoutes(services, biz, mode));
  app.route('/', portalRoutes(services, mode));
  app.notFound(trailingSlashRedirect('/m/'));
  return withSecurityHeaders(app, mode);
}
