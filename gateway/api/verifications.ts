import { createRoute, z } from '@hono/zod-openapi';
import { activeTokenOf } from '../biz/usage.ts';
import { normalizeSerial } from '../otp/serial.ts';
import { outcomeProblem, problems, ApiProblem } from './problem.ts';
import type { ApiApp, ApiDeps } from './routes.ts';
import { CustomerIdSchema, OtpSchema, presenter, SECURITY, SerialSchema } from './schemas.ts';

const VerificationRequest = z
  .union([z.strictObject({ serial: SerialSchema, otp: OtpSchema }), z.strictObject({ customerId: CustomerIdSchema, otp: OtpSchema })])
  .openapi('VerificationRequest', { description: 'A code and either the token serial or the customer whose 利用中 token it is.' });

const Verification = z
  .object({ result: z.literal('accepted'), serial: z.string(), step: z.number().int().openapi({ description: 'The accepted RFC 6238 time step.' }) })
  .openapi('Verification');

const verify = createRoute({
  method: 'post',
  path: '/api/v1/verifications',
  summary: 'Verify a one-time password',
  description: 'A code is accepted once. Refusals carry the OTP engine’s reason as `code`.',
  tags: ['verifications'],
  security: SECURITY,
  request: { body: { required: true, content: { 'application/json': { schema: VerificationRequest } } } },
  responses: {
    200: { description: 'Accepted', content: { 'application/json': { schema: Verification } } },
    ...problems('forbidden', 'wrong', 'replayed', 'expired', 'revoked', 'malformed', 'locked', 'unknown'),
  },
});

/** `POST /api/v1/verifications` (scope `verify`). */
export function verificationRoutes(api: ApiApp, { services, guard }: ApiDeps): void {
  api.openapi({ ...verify, middleware: guard('verify') }, async (c) => {
    const body = c.req.valid('json');
    const by = presenter(c);
    const serial = 'serial' in body ? normalizeSerial(body.serial) : await activeSerial(body.customerId, by.tenantId);
    if (serial === null) throw new ApiProblem('unknown', { detail: 'no such token' });
    const outcome = await services.tokens.verify(serial, body.otp, by);
    if (outcome.reason !== 'ok') throw outcomeProblem(outcome);
    return c.json({ result: 'accepted' as const, serial, step: outcome.step! }, 200);
  });

  /** The customer's 利用中 token (a business 一般者 in shared mode: the administrator's), if they are this bank's. */
  async function activeSerial(customerId: string, tenantId: string): Promise<string | null> {
    const customer = await services.db.customers.get(customerId);
    return customer?.tenantId === tenantId ? ((await activeTokenOf(services.db.customers, customer)) ?? null) : null;
  }
}
