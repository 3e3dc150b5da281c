import type { ProxyTrust } from '../http/client.ts';
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Services } from '../services.ts';
import type { ApiScope } from '../store/schema.ts';
import { auditRoutes } from './audit.ts';
import { apiBody } from './body.ts';
import { customerRoutes } from './customers.ts';
import { handsetRoutes } from './handset.ts';
import { ApiKeyService, keyGuard, type ApiEnv } from './keys.ts';
import { openApiRoutes } from './openapi.ts';
import { ApiProblem, problemResponse } from './problem.ts';
import { tokenRoutes } from './tokens.ts';
import { verificationRoutes } from './verifications.ts';

export const API_BASE = '/api/v1';

/** Bodies are a few short fields: anything bigger is refused before it is read. */
const MAX_BODY_BYTES = 4 * 1024;

export type ApiApp = OpenAPIHono<ApiEnv>;

/** What each resource's routes get. */
export interface ApiDeps {
  services: Services;
  /** Middleware admitting a live key with this scope. */
  guard: (scope: ApiScope) => ReturnType<ReturnType<typeof keyGuard>>;
}

/**
 * The bank-system JSON API `/api/v1` (docs/api.md): one file per resource, request and
 * response schemas shared with the OpenAPI document. Every refusal is problem+json.
 */
export function apiRoutes(services: Services, trust: ProxyTrust): ApiApp {
  const api: ApiApp = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const errors = result.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.') || result.target, message: issue.message }));
      return problemResponse(c, new ApiProblem('bad_request', { detail: `invalid ${result.target}`, errors }));
    },
  });
  api.use(`${API_BASE}/*`, async (c, next) => {
    c.set('trust', trust);
    await next();
  });
  api.use(`${API_BASE}/*`, apiBody(MAX_BODY_BYTES));
  api.onError((error, c) => {
    if (error instanceof ApiProblem) return problemResponse(c, error);
    // The JSON validator's "Malformed JSON in request body", and any other refusal of the request itself.
    if (error instanceof HTTPException && error.status < 500) return problemResponse(c, new ApiProblem('bad_request', { detail: error.message }));
    console.error(`api: ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.stack : String(error)}`);
    return problemResponse(c, new ApiProblem('internal'));
  });
  const keys = new ApiKeyService(services.db, services.now);
  const deps: ApiDeps = { services, guard: keyGuard({ keys, db: services.db, ratePerMinute: services.config.apiRatePerMinute, now: services.now }) };
  verificationRoutes(api, deps);
  tokenRoutes(api, deps);
  customerRoutes(api, deps);
  auditRoutes(api, deps);
  handsetRoutes(api);
  openApiRoutes(api);
  api.all(`${API_BASE}/*`, () => {
    throw new ApiProblem('unknown', { detail: 'no such API route' });
  });
  return api;
}
