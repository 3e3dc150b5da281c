import type { ServerResponse } from 'node:http';
import type { Hono } from 'hono';

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
 * Makes `app` add `headers` to every response it gives. Under @hono/node-server they go straight onto
 * node's `ServerResponse` before routing: no undici `Headers` is built, and no middleware runs, so a
 * route with one handler keeps Hono's synchronous fast path and node-server's cached response (routes
 * never set these names, so nothing is overridden). Elsewhere (`app.request`, the emulator's
 * in-process dispatch) they are set on the finished response.
 */
export function withSecurityHeaders<App extends Pick<Hono, 'fetch'>>(app: App, headers: readonly SecurityHeader[] = SECURITY_HEADERS): App {
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => {
    const outgoing = (env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      for (const [name, value] of headers) outgoing.setHeader(name, value);
      return dispatch(request, env, executionCtx);
    }
    return Promise.resolve(dispatch(request, env, executionCtx)).then((response) => {
      for (const [name, value] of headers) response.headers.set(name, value);
      return response;
    });
  };
  return app;
}
