/** The provisioning wire format (docs/contracts.md): `key=value` lines in, a token or a Japanese error out. */
export interface TokenRecord {
  serial: string;
  secret: string;
  algorithm: string;
  digits: number;
  period: number;
  issuer: string;
  issuedAt: string;
  expiresAt: string;
}

export type ProvisionResult = { ok: true; token: TokenRecord } | { ok: false; code: string; message: string };

const REQUIRED = ['serial', 'secret', 'algorithm', 'digits', 'period', 'issuer', 'issuedAt', 'expiresAt'] as const;
const GENERIC = '通信エラーが発生しました。しばらくしてから再度お試しください。';

export function parseKeyValues(body: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of body.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) map.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return map;
}

export function parseProvisionResponse(status: number, body: string): ProvisionResult {
  const values = parseKeyValues(body);
  if (status !== 200) {
    return { ok: false, code: values.get('error') ?? 'http_' + status, message: values.get('message') || GENERIC };
  }
  if (REQUIRED.some((key) => !values.get(key))) return { ok: false, code: 'bad_response', message: GENERIC };
  const digits = Number(values.get('digits'));
  const period = Number(values.get('period'));
  if (!Number.isInteger(digits) || digits < 4 || digits > 10 || !Number.isInteger(period) || period <= 0) {
    return { ok: false, code: 'bad_response', message: GENERIC };
  }
  return {
    ok: true,
    token: {
      serial: values.get('serial')!,
      secret: values.get('secret')!,
      algorithm: values.get('algorithm')!,
      digits,
      period,
      issuer: values.get('issuer')!,
      issuedAt: values.get('issuedAt')!,
      expiresAt: values.get('expiresAt')!,
    },
  };
}

export function serializeToken(token: TokenRecord): string {
  return JSON.stringify(token);
}

/** The ScratchPad may hold junk (another app, a cut-off write): treat it as no token. */
export function deserializeToken(text: string | null): TokenRecord | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as TokenRecord;
    return typeof value.secret === 'string' && typeof value.serial === 'string' && Number.isInteger(value.digits) ? value : null;
  } catch {
    return null;
  }
}
