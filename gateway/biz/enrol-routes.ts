import type { ProxyTrust } from '../http/client.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parseForm } from '../markup/form.ts';
import { originOf } from '../portal/context.ts';
import { bodyEncoding, lines, provisioningBody } from '../provisioning/routes.ts';
import type { EnrolmentService, EnrolResult } from './enrolment.ts';

type EnrolError = Extract<EnrolResult, { ok: false }>['error'];

const STATUS: Record<EnrolError, 400 | 404 | 429> = { bad_request: 400, unknown_service: 404, rate_limited: 429 };
const MESSAGE: Record<EnrolError, string> = {
  bad_request: 'サービスID（8桁）を数字で入力して下さい。',
  unknown_service: 'サービスIDが正しくありません。',
  rate_limited: '短い間に多くの申込みがあったため、受付を制限しています。しばらく時間をおいてから再度お試し下さい。',
};

/** `POST /m/app/enroll`: the business token app's 初期設定 (contract in docs/contracts.md). */
export function enrolRoutes(enrolment: EnrolmentService, trust: ProxyTrust): Hono {
  const app = new Hono();
  app.post(
    '/enroll',
    bodyLimit({ maxSize: 4096, onError: (c) => c.text(lines({ error: 'bad_request', message: MESSAGE.bad_request }), 413) }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      const body = type.startsWith('application/x-www-form-urlencoded') ? parseForm(new Uint8Array(await c.req.arrayBuffer()), bodyEncoding(type, c.req.header())) : null;
      const result: EnrolResult = body ? await enrolment.enrol(body.get('serviceId'), originOf(c, trust)) : { ok: false, error: 'bad_request' };
      if (result.ok) return c.text(provisioningBody(result));
      return c.text(lines({ error: result.error, message: MESSAGE[result.error] }), STATUS[result.error]);
    },
  );
  return app;
}
