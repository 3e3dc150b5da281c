import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { detectHandset } from '../carrier/detect.ts';
import type { Encoding } from '../carrier/handset.ts';
import { parseForm } from '../markup/form.ts';
import type { IssuanceService, ProvisionError, ProvisionResult } from '../issuance/service.ts';
import { originOf } from '../portal/context.ts';
import type { ProxyTrust } from '../http/client.ts';

const STATUS: Record<ProvisionError, 400 | 401 | 404 | 409 | 410 | 423 | 429> = {
  bad_request: 400,
  wrong_password: 401,
  unknown_user: 404,
  already_provisioned: 409,
  expired: 410,
  locked: 423,
  rate_limited: 429,
};

const MESSAGE: Record<ProvisionError, string> = {
  bad_request: 'サービスID（8桁）、ユーザID（12桁）、利用開始パスワード（4～8桁）を数字で入力して下さい。',
  unknown_user: 'サービスIDまたはユーザIDが正しくありません。',
  wrong_password: '利用開始パスワードが正しくありません。',
  locked: '利用開始パスワードを規定回数以上誤ったため、このトークン発行は無効になりました。パソコンから再度トークン発行を行って下さい。',
  expired: 'トークン発行の有効期限が切れています。パソコンから再度トークン発行を行って下さい。',
  already_provisioned: 'このユーザIDのトークンは設定済みです。',
  rate_limited: '誤った入力が続いたため、受付を制限しています。しばらく時間をおいてから再度お試し下さい。',
};

/** A stated charset wins; otherwise a handset posts in its own page encoding (Shift_JIS for most). */
export function bodyEncoding(contentType: string, headers: Record<string, string>): Encoding {
  const charset = /charset=([\w-]+)/.exec(contentType)?.[1];
  if (charset) return /^(shift_jis|sjis|x-sjis|windows-31j|cp932)$/.test(charset) ? 'shift_jis' : 'utf-8';
  return detectHandset(headers).encoding;
}

/** `key=value` lines: the format a Java handset app can read without a JSON parser. */
export function lines(fields: Record<string, string | number>): string {
  return `${Object.entries(fields).map(([key, value]) => `${key}=${value}`).join('\n')}\n`;
}

export function provisioningBody(result: ProvisionResult): string {
  if (!result.ok) {
    const left = result.attemptsLeft === undefined ? '' : `（あと${result.attemptsLeft}回誤るとこのトークン発行は無効になります）`;
    return lines({ error: result.error, message: MESSAGE[result.error] + left });
  }
  const { token, secret, issuer } = result;
  return lines({
    serial: token.serial,
    secret,
    algorithm: token.algorithm,
    digits: token.digits,
    period: token.period,
    issuer,
    issuedAt: token.issuedAt,
    expiresAt: token.expiresAt,
  });
}

/** `POST /m/app/provision`: the token app's 初期設定 (contract in docs/contracts.md). */
export function provisioningRoutes(issuance: IssuanceService, trust: ProxyTrust): Hono {
  const app = new Hono();
  app.post(
    '/provision',
    bodyLimit({ maxSize: 4096, onError: (c) => c.text(lines({ error: 'bad_request', message: MESSAGE.bad_request }), 413) }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      const body = type.startsWith('application/x-www-form-urlencoded') ? parseForm(new Uint8Array(await c.req.arrayBuffer()), bodyEncoding(type, c.req.header())) : null;
      const result: ProvisionResult = body
        ? await issuance.provision({ serviceId: body.get('serviceId'), userId: body.get('userId'), startPassword: body.get('startPassword'), binding: body.get('binding') }, originOf(c, trust))
        : { ok: false, error: 'bad_request' };
      return c.text(provisioningBody(result), result.ok ? 200 : STATUS[result.error]);
    },
  );
  return app;
}
