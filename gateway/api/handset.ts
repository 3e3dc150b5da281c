import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { detectHandset, handsetSummary } from '../carrier/detect.ts';
import { requestHeaders } from '../http/request-headers.ts';

const HandsetView = z
  .object({
    carrier: z.string().openapi({ example: 'docomo' }),
    model: z.string().nullable(),
    deviceId: z.string().nullable().openapi({ description: 'au’s 4-character device id' }),
    name: z.string().nullable(),
    cacheBytes: z.number().int().openapi({ description: 'Largest page the handset accepts' }),
    markup: z.string(),
    encoding: z.string(),
    cookies: z.boolean(),
    app: z.string().openapi({ description: 'doja, midp or web' }),
  })
  .openapi('Handset');

const describeHandset = createRoute({
  method: 'get',
  path: '/api/v1/handset',
  summary: 'Describe the calling handset from its own headers (no key needed)',
  tags: ['handset'],
  responses: { 200: { description: 'What the carrier gateway makes of the caller', content: { 'application/json': { schema: HandsetView } } } },
});

/** `GET /api/v1/handset`: the caller's own headers, so it needs no API key. */
export function handsetRoutes<A extends OpenAPIHono<any>>(api: A): A {
  api.openapi(describeHandset, (c) => c.json(handsetSummary(detectHandset(requestHeaders(c))), 200));
  return api;
}
