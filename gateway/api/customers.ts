import { createRoute, z } from '@hono/zod-openapi';
import { publicOrigin } from '../app/paths.ts';
import { isMailAddress, normalizeTyped } from '../issuance/input.ts';
import { ApiProblem, problems } from './problem.ts';
import type { ApiApp, ApiDeps } from './routes.ts';
import { CustomerIdSchema, isoTime, presenter, SECURITY } from './schemas.ts';

const IssuanceRequest = z
  .strictObject({
    mail: z.string().max(254).transform(normalizeTyped).refine(isMailAddress, '携帯電話メールアドレスを正しく入力して下さい。').openapi({ example: 'taro@docomo.ne.jp' }),
    startPassword: z.string().max(16).transform(normalizeTyped).pipe(z.string().regex(/^[0-9]{4,8}$/, '利用開始パスワードは4～8桁の数字で入力して下さい。')).openapi({ example: '1234' }),
  })
  .openapi('IssuanceRequest', { description: 'BOT001: the handset mail address and the 利用開始パスワード the customer chose.' });

const IssuanceView = z
  .object({
    serviceId: z.string().openapi({ description: 'サービスID, typed into the token app.' }),
    userId: z.string().openapi({ description: 'ユーザID, typed into the token app.' }),
    expiresAt: z.string().openapi({ description: 'When the mailed download link stops working.' }),
  })
  .openapi('Issuance');

const issue = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/issuances',
  summary: 'Start a トークン発行 for a customer (mails the download link)',
  description: 'Idempotent: a retry with the same `Idempotency-Key` returns the first issuance (200) and sends no second mail.',
  tags: ['customers'],
  security: SECURITY,
  request: {
    params: z.object({ id: CustomerIdSchema.openapi({ param: { name: 'id', in: 'path' } }) }),
    headers: z.object({ 'idempotency-key': z.string().min(8).max(64).regex(/^[\x21-\x7e]+$/).openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'c2f1d0e8-issue-1' }) }),
    body: { required: true, content: { 'application/json': { schema: IssuanceRequest } } },
  },
  responses: {
    201: { description: 'Issued; the mail is queued', content: { 'application/json': { schema: IssuanceView } } },
    200: { description: 'A replay of an earlier request with this Idempotency-Key', content: { 'application/json': { schema: IssuanceView } } },
    ...problems('forbidden', 'unknown', 'conflict'),
  },
});

/** `POST /api/v1/customers/{id}/issuances` (scope `manage`): the seed-000 トークン発行 done by the bank. */
export function customerRoutes(api: ApiApp, { services, guard }: ApiDeps): void {
  const { db, issuance } = services;
  api.openapi({ ...issue, middleware: guard('manage') }, async (c) => {
    const by = presenter(c);
    const customer = await db.customers.get(c.req.valid('param').id);
    if (!customer || customer.tenantId !== by.tenantId) throw new ApiProblem('unknown', { detail: 'no such customer' });
    if (customer.role !== 'personal') throw new ApiProblem('conflict', { detail: 'business users enrol through their administrator' });
    // Its own namespace: a portal form id can never collide with a bank system's key.
    const formId = `api:${c.req.valid('header')['idempotency-key']}`;
    const draft = await issuance.prepare(c.req.valid('json'));
    const result = await issuance.issue(customer.id, draft, formId, publicOrigin(c.req.url, services.config.publicUrl), by.origin, { actor: by.actor });
    if (result.status === 'refused') {
      throw new ApiProblem('conflict', { detail: 'the customer already has a token, or was released today', ...(result.until ? { reissueFrom: isoTime(result.until)! } : {}) });
    }
    const tenant = (await db.tenants.get(customer.tenantId))!;
    const body = { serviceId: tenant.serviceId, userId: result.issuance.userId, expiresAt: result.issuance.expiresAt };
    return result.status === 'created' ? c.json(body, 201) : c.json(body, 200);
  });
}
