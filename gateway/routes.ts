import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Services } from './services.ts';

/**
 * The gateway's HTTP surface: each feature is a Hono sub-app mounted on its prefix (several may
 * share one). Domain code lives in the services; routes only translate HTTP.
 */
export function createApp(_services: Services): Hono {
  const app = new Hono();
  app.use(secureHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return app;
}
