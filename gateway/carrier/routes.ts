import { Hono } from 'hono';
import { detectHandset, handsetSummary } from './detect.ts';
import { requestHeaders } from '../http/request-headers.ts';

/** `GET /api/v1/handset`: describes the caller's own headers, so it needs no API key. */
export function handsetRoutes(): Hono {
  const app = new Hono();
  app.get('/api/v1/handset', (c) => c.json(handsetSummary(detectHandset(requestHeaders(c)))));
  return app;
}
