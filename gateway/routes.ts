import { Hono } from 'hono';
import { accessLog } from './access-log.ts';
import { createPackageCatalog } from './app/catalog.ts';
import { packageFitter } from './app/profile.ts';
import { appRoutes } from './app/routes.ts';
import { apiRoutes } from './api/routes.ts';
import { withSecurityHeaders } from './http/security-headers.ts';
import { emulatorRoutes } from './emulator/routes.ts';
import { mailboxRoutes } from './mail/routes.ts';
import { mobileRoutes } from './mobile/routes.ts';
import { provisioningRoutes } from './provisioning/routes.ts';
import { portalRoutes } from './portal/routes.tsx';
import type { Config } from './config.ts';
import type { Services } from './services.ts';
import { webTokenRoutes } from './webtoken/routes.ts';

/**
 * The gateway's HTTP surface: each feature is a Hono sub-app mounted on its prefix (several may
 * share one). Domain code lives in the services; routes only translate HTTP. `tester` holds the
 * emulator's settings (EMULATOR_ORIGINS, SCENARIOS_DIR), which the domain services never see.
 */
export function createApp(services: Services, tester: Partial<Pick<Config, 'emulatorOrigins' | 'scenariosDir'>> = {}): Hono {
  const app = new Hono();
  if (process.env.ACCESS_LOG === '1') app.use(accessLog());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/m/app', provisioningRoutes(services.issuance));
  app.route('/m/app/web', webTokenRoutes());
  app.route('/', apiRoutes(services));
  const handsetPages = { lookupTicket: services.issuance.lookupTicket, publicUrl: services.config.publicUrl };
  const packages = createPackageCatalog({ dataDir: services.config.dataDir });
  app.route('/m', mobileRoutes({ ...handsetPages, packageFits: packageFitter(packages) }));
  app.route('/m', appRoutes({ ...handsetPages, packages }));
  app.route('/', mailboxRoutes(services.outbox, services.devMailbox));
  app.route('/', emulatorRoutes({
    dispatch: (request) => app.fetch(request),
    remoteOrigins: tester.emulatorOrigins ?? [],
    ...(tester.scenariosDir ? { scenariosDir: tester.scenariosDir } : {}),
    ...(services.config.publicUrl ? { publicUrl: services.config.publicUrl } : {}),
  }));
  app.route('/', portalRoutes(services));
  return withSecurityHeaders(app);
}
