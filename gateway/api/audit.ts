import { createRoute, z } from '@hono/zod-openapi';
import { serialHash } from '../audit/trail.ts';
import { normalizeSerial } from '../otp/serial.ts';
import { problems } from './problem.ts';
import type { ApiApp, ApiDeps } from './routes.ts';
import { CustomerIdSchema, SECURITY, SerialSchema, textSchema } from './schemas.ts';

const Time = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-22T00:00:00Z' });

const AuditQuery = z.object({
  serial: SerialSchema.optional(),
  customer: CustomerIdSchema.optional(),
  action: textSchema(64).optional().openapi({ example: 'otp.verify' }),
  from: Time.optional().openapi({ description: 'Events at or after this time.' }),
  to: Time.optional().openapi({ description: 'Events before this time.' }),
  cursor: textSchema(64).optional().openapi({ description: 'The `next` of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const AuditEventView = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string().openapi({ description: '`customer:<id>`, `handset`, `api:<key id>`, `system`' }),
    action: z.string(),
    result: z.string(),
    customerId: z.string().optional(),
    serial: z.string().optional().openapi({ description: 'Masked: KT******AB12' }),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .openapi('AuditEvent');

const list = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  summary: 'The bank’s audit trail, newest first, paged',
  tags: ['audit'],
  security: SECURITY,
  request: { query: AuditQuery },
  responses: {
    200: { description: 'A page of events', content: { 'application/json': { schema: z.object({ events: z.array(AuditEventView), next: z.string().optional() }).openapi('AuditPage') } } },
    ...problems('forbidden'),
  },
});

/** `GET /api/v1/audit` (scope `audit`). */
export function auditRoutes(api: ApiApp, { services, guard }: ApiDeps): void {
  api.openapi({ ...list, middleware: guard('audit') }, async (c) => {
    const query = c.req.valid('query');
    const { tenantId } = c.get('apiKey');
    // The trail keeps serials masked: a serial is found through its hash.
    const serial = query.serial === undefined ? undefined : (normalizeSerial(query.serial) ?? query.serial);
    const found = await services.db.audit.list({
      tenantId,
      limit: query.limit + 1,
      ...(serial ? { serial: serialHash(serial) } : {}),
      ...(query.customer ? { customerId: query.customer } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.from ? { from: new Date(query.from).toISOString() } : {}),
      ...(query.to ? { to: new Date(query.to).toISOString() } : {}),
      ...(query.cursor ? { before: query.cursor } : {}),
    });
    const page = found.slice(0, query.limit);
    const events = page.map(({ tenantId: _tenant, serialHash: _hash, ...event }) => event);
    return c.json({ events, ...(found.length > query.limit ? { next: page.at(-1)!.id } : {}) }, 200);
  });
}
