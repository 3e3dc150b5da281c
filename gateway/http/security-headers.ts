import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/** One response header the gateway sends on every answer. */
export type SecurityHeader = readonly [name: string, value: string];

/**
 * Sent on every response: pages, handset pages, the API, static files and errors. These are the
 * values hono's `secureHeaders()` defaults gave; adding a header is one line here.
 */
export const SECURITY_HEADERS: readonly SecurityHeader[] = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * Adds `headers` to every response. Under @hono/node-server they go straight onto node's
 * `ServerResponse` before the handler runs: no undici `Headers` is built and the handler's response
 * keeps node-server's fast path (routes never set these names, so nothing is overridden). Elsewhere
 * (`app.request`, the emulator's in-process dispatch) they are set on the finished response.
 */
export function securityHeaders(headers: readonly SecurityHeader[] = SECURITY_HEADERS): MiddlewareHandler {
  return async (c, next) => {
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      for (const [name, value] of headers) outgoing.setHeader(name, value);
      return next();
    }
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}
