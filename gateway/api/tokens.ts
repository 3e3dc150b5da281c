import { createRoute, z } from '@hono/zod-openapi';
import type { Token } from '../store/schema.ts';
import { ApiProblem, outcomeProblem, problems } from './problem.ts';
import type { ApiApp, ApiDeps } from './routes.ts';
import { CustomerIdSchema, isoTime, textSchema, OtpSchema, ownToken, presenter, SECURITY, SerialSchema } from './schemas.ts';

/** A token as the bank sees it: state and counters, never the seed. */
const TokenView = z
  .object({
    serial: z.string(),
    status: z.enum(['provisioned', 'active', 'revoked']),
    customerId: z.string().optional().openapi({ description: 'The owner, when bound to a customer.' }),
    algorithm: z.string(),
    digits: z.number().int(),
    period: z.number().int(),
    issuedAt: z.string().openapi({ description: '利用開始日 (provisioned)' }),
    expiresAt: z.string().openapi({ description: '利用期限' }),
    activatedAt: z.string().optional(),
    revokedAt: z.string().optional(),
    lastStep: z.number().int().nullable().openapi({ description: 'The last accepted time step.' }),
    drift: z.number().int().openapi({ description: 'Steps the handset clock was off at the last accepted code.' }),
    failures: z.number().int().openapi({ description: 'Wrong codes in a row.' }),
    lockedUntil: z.string().optional().openapi({ description: 'Set while the token is locked.' }),
  })
  .openapi('Token');

function view(token: Token, now: number): z.infer<typeof TokenView> {
  const locked = token.lockedUntil !== null && token.lockedUntil > now;
  return {
    serial: token.serial,
    status: token.status,
    ...(token.customerId ? { customerId: token.customerId } : {}),
    algorithm: token.algorithm,
    digits: token.digits,
    period: token.period,
    issuedAt: token.issuedAt,
    expiresAt: token.expiresAt,
    ...(token.activatedAt ? { activatedAt: token.activatedAt } : {}),
    ...(token.revokedAt ? { revokedAt: token.revokedAt } : {}),
    lastStep: token.lastStep,
    drift: token.drift,
    failures: token.failures,
    ...(locked ? { lockedUntil: isoTime(token.lockedUntil)! } : {}),
  };
}

const MAX_PAGE = 100;

const ListQuery = z.object({
  customer: CustomerIdSchema.optional(),
  status: z.enum(['provisioned', 'active', 'revoked']).optional(),
  cursor: textSchema(64).optional().openapi({ description: 'The `next` of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
});
const TokenPage = z.object({ tokens: z.array(TokenView), next: z.string().optional() }).openapi('TokenPage');
const SerialParam = z.object({ serial: SerialSchema.openapi({ param: { name: 'serial', in: 'path' } }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

const REVOKE_REASONS = ['lost', 'released', 'exchanged', 'bank'] as const;

const list = createRoute({
  method: 'get',
  path: '/api/v1/tokens',
  summary: 'List the bank’s tokens (serial order, paged)',
  tags: ['tokens'],
  security: SECURITY,
  request: { query: ListQuery },
  responses: { 200: json(TokenPage, 'A page of tokens'), ...problems('forbidden') },
});
const read = createRoute({
  method: 'get',
  path: '/api/v1/tokens/{serial}',
  summary: 'One token',
  tags: ['tokens'],
  security: SECURITY,
  request: { params: SerialParam },
  responses: { 200: json(TokenView, 'The token'), ...problems('forbidden', 'unknown') },
});
const revoke = createRoute({
  method: 'post',
  path: '/api/v1/tokens/{serial}/revoke',
  summary: 'Revoke a token (it stops working now; the customer’s token is released)',
  tags: ['tokens'],
  security: SECURITY,
  request: { params: SerialParam, ...body(z.strictObject({ reason: z.enum(REVOKE_REASONS) }).openapi('RevokeRequest')) },
  responses: { 200: json(TokenView, 'The revoked token'), ...problems('forbidden', 'unknown') },
});
const unlock = createRoute({
  method: 'post',
  path: '/api/v1/tokens/{serial}/unlock',
  summary: 'End a lock and clear the wrong-code count',
  tags: ['tokens'],
  security: SECURITY,
  request: { params: SerialParam },
  responses: { 200: json(TokenView, 'The unlocked token'), ...problems('forbidden', 'unknown') },
});
const resync = createRoute({
  method: 'post',
  path: '/api/v1/tokens/{serial}/resync',
  summary: 'Move the drift to two consecutive codes',
  description: 'Both codes count as used afterwards. A miss counts as a wrong code.',
  tags: ['tokens'],
  security: SECURITY,
  request: { params: SerialParam, ...body(z.strictObject({ otp1: OtpSchema, otp2: OtpSchema }).openapi('ResyncRequest')) },
  responses: { 200: json(TokenView, 'The token after resync'), ...problems('forbidden', 'unknown', 'wrong', 'replayed', 'expired', 'revoked', 'malformed', 'locked') },
});

/** `/api/v1/tokens…` (scope `manage`). */
export function tokenRoutes(api: ApiApp, { services, guard }: ApiDeps): void {
  const { db, tokens, issuance, audit } = services;
  const manage = guard('manage');

  api.openapi({ ...list, middleware: manage }, async (c) => {
    const query = c.req.valid('query');
    const { tenantId } = c.get('apiKey');
    // One more than asked tells whether there is a next page.
    const found = await db.tokens.page({ tenantId, limit: query.limit + 1, ...(query.customer ? { customerId: query.customer } : {}), ...(query.status ? { status: query.status } : {}), ...(query.cursor ? { after: query.cursor } : {}) });
    const page = found.slice(0, query.limit);
    const now = services.now();
    return c.json({ tokens: page.map((token) => view(token, now)), ...(found.length > query.limit ? { next: page.at(-1)!.serial } : {}) }, 200);
  });

  api.openapi({ ...read, middleware: manage }, async (c) => {
    const token = await ownToken(db, c.get('apiKey').tenantId, c.req.valid('param').serial);
    return c.json(view(token, services.now()), 200);
  });

  api.openapi({ ...revoke, middleware: manage }, async (c) => {
    const { reason } = c.req.valid('json');
    const by = presenter(c);
    const token = await ownToken(db, by.tenantId, c.req.valid('param').serial);
    const actor = { actor: by.actor, detail: { reason } };
    const owner = token.customerId ? await db.customers.get(token.customerId) : undefined;
    // The customer's own token: a 利用解除 (the customer is told, and may issue anew from tomorrow).
    const released = owner?.tokenSerial === token.serial && (await issuance.release(owner.id, by.origin, actor)).released;
    if (!released && token.status !== 'revoked') {
      await db.transaction(async (tx) => {
        await tokens.revoke(token.serial, tx);
        await audit.record(tx.audit, { action: 'token.revoke', result: 'ok', actor: by.actor, tenantId: by.tenantId, serial: token.serial, ...(token.customerId ? { customerId: token.customerId } : {}), origin: by.origin, detail: { reason } });
      });
    }
    return c.json(view((await db.tokens.get(token.serial))!, services.now()), 200);
  });

  api.openapi({ ...unlock, middleware: manage }, async (c) => {
    const by = presenter(c);
    const token = await tokens.unlock((await ownToken(db, by.tenantId, c.req.valid('param').serial)).serial, by);
    if (!token) throw new ApiProblem('unknown', { detail: 'no such token' });
    return c.json(view(token, services.now()), 200);
  });

  api.openapi({ ...resync, middleware: manage }, async (c) => {
    const { otp1, otp2 } = c.req.valid('json');
    const by = presenter(c);
    const { serial } = await ownToken(db, by.tenantId, c.req.valid('param').serial);
    const outcome = await tokens.resync(serial, otp1, otp2, by);
    if (outcome.reason !== 'ok') throw outcomeProblem(outcome);
    return c.json(view((await db.tokens.get(serial))!, services.now()), 200);
  });
}
