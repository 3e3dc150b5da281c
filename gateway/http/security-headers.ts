import type { MiddlewareHandler } from 'hono';
import { isHttps, type ProxyTrust } from './client.ts';

const COMMON = "frame-ancestors 'self'; base-uri 'none'; object-src 'none'; form-action 'self'";

/**
 * Content-Security-Policy per part of the site. The portal's pages carry no script and no inline
 * style; handset pages have inline style attributes (the markup layer's colours) and the web
 * token its inline stylesheet and bundle; the emulator runs installed apps with `new Function`.
 */
const POLICIES: [prefix: string, policy: string][] = [
  ['/emulator/', `default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; ${COMMON}`],
  ['/m/', `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; ${COMMON}`],
  ['/', `default-src 'none'; style-src 'self'; img-src 'self'; ${COMMON}`],
];

/** One year; set only on responses that came over HTTPS, as RFC 6797 §7.2 requires. */
const HSTS = 'max-age=31536000';

export function contentSecurityPolicy(path: string): string {
  return POLICIES.find(([prefix]) => path.startsWith(prefix))![1];
}

/** The CSP and, over HTTPS only, HSTS headers for one request. */
export function policyHeaders(path: string, https: boolean): [name: string, value: string][] {
  return [['Content-Security-Policy', contentSecurityPolicy(path)], ...(https ? [['Strict-Transport-Security', HSTS] as [string, string]] : [])];
}

/** Adds `policyHeaders` to every response. */
export function securityPolicy(config: ProxyTrust): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of policyHeaders(c.req.path, isHttps(c, config))) c.res.headers.set(name, value);
  };
}
