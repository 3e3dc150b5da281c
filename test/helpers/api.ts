import type { Hono } from 'hono';
import { ApiKeyService } from '../../gateway/api/keys.ts';
import { codeForStep, stepAt } from '../../gateway/otp/code.ts';
import { createApp } from '../../gateway/routes.ts';
import type { Services } from '../../gateway/services.ts';
import type { ApiScope, Token } from '../../gateway/store/schema.ts';

export const ALL_SCOPES: ApiScope[] = ['verify', 'manage', 'audit'];

/** A bank system talking to the gateway's app in-process, with its key. */
export interface ApiClient {
  key: string;
  keyId: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; type: string | null; headers: Headers; json: any }>;
}

export function apiClient(app: Hono, key: string, keyId: string): ApiClient {
  return {
    key,
    keyId,
    async call(method, path, body, headers = {}) {
      const response = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, json };
    },
  };
}

/** The app over `services`, and a key of `serviceId`'s bank with `scopes`. */
export async function apiFor(services: Services, serviceId = '10100001', scopes = ALL_SCOPES, app: Hono = createApp(services)): Promise<ApiClient & { app: Hono }> {
  const { record, key } = await new ApiKeyService(services.db, services.now).create(serviceId, scopes, 'test');
  return { ...apiClient(app, key, record.id), app };
}

/** A token of `customerId` made 利用中 (what BOK001 利用開始 leaves), with its seed. */
export async function activeToken(services: Services, tenantId: string, customerId: string): Promise<{ token: Token; secret: string }> {
  const tenant = (await services.db.tenants.get(tenantId))!;
  const { token, secret } = await services.tokens.issue(tenant, customerId);
  const active: Token = { ...token, status: 'active', activatedAt: token.issuedAt };
  await services.db.tokens.put(active);
  const customer = (await services.db.customers.get(customerId))!;
  await services.db.customers.put({ ...customer, otpStatus: 'active', tokenSerial: token.serial });
  return { token: active, secret };
}

/** The token's code `offset` steps from `now`. */
export const codeNear = (secret: string, token: Token, now: number, offset = 0) => codeForStep(secret, token, stepAt(now, token.period) + offset);
