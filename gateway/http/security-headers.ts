import { ServerResponse, type OutgoingHttpHeader, type OutgoingHttpHeaders } from 'node:http';
import type { Hono } from 'hono';
import type { Config } from '../config.ts';

/** One response header the gateway sends. */
export type SecurityHeader = readonly [name: string, value: string];

/**
 * Sent on every response: pages, handset pages, the API, static files and errors. These are the
 * values hono's `secureHeaders()` defaults gave, less HSTS (below); adding a header is one line here.
 */
export const SECURITY_HEADERS: readonly SecurityHeader[] = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

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
export const HSTS: SecurityHeader = ['Strict-Transport-Security', 'max-age=31536000'];

export function contentSecurityPolicy(path: string): string {
  return POLICIES.find(([prefix]) => path.startsWith(prefix))![1];
}

/** The path of an absolute request URL, without building a URL object. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.search(/[?#]/);
  return end < 0 || end < start ? url.slice(start) : url.slice(start, end);
}

/** Over TLS: the request itself, or (TRUST_PROXY=1) the proxy's X-Forwarded-Proto. */
function overHttps(request: Request, mode: Pick<Config, 'trustProxy'>): boolean {
  if (request.url.startsWith('https:')) return true;
  return mode.trustProxy && request.headers.get('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

/**
 * Everything a response of one part of the site gets, as `name, value, name, value…` (the form
 * node's `writeHead` takes with least work), with and without HSTS: built once, not per response.
 */
const SENT = new Map(
  POLICIES.map(([, policy]) => {
    const headers = [...SECURITY_HEADERS, ['Content-Security-Policy', policy] as const];
    return [policy, { plain: headers.flat(), overHttps: [...headers, HSTS].flat() }] as const;
  }),
);

/**
 * Makes `app` add the security headers, its part's CSP, and HSTS over HTTPS to every response. Under
 * @hono/node-server they join the headers node-server hands to `writeHead`, as one flat list: no
 * undici `Headers` is built, no `setHeader` validates and stores them one by one, and no middleware
 * runs, so a route with one handler keeps Hono's synchronous fast path and node-server's cached
 * response (routes never set these names, so nothing is sent twice). Elsewhere (`app.request`, the
 * emulator's in-process dispatch) they are set on the finished response.
 */
export function withSecurityHeaders<App extends Pick<Hono, 'fetch'>>(app: App, mode: Pick<Config, 'trustProxy'> = { trustProxy: false }): App {
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => {
    const sent = SENT.get(contentSecurityPolicy(pathOf(request.url)))!;
    const headers = overHttps(request, mode) ? sent.overHttps : sent.plain;
    const outgoing = (env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      outgoing.writeHead = writeHeadWith(outgoing, headers);
      return dispatch(request, env, executionCtx);
    }
    return Promise.resolve(dispatch(request, env, executionCtx)).then((response) => {
      for (let index = 0; index < headers.length; index += 2) response.headers.set(headers[index]!, headers[index + 1]!);
      return response;
    });
  };
  return app;
}

type WriteHead = ServerResponse['writeHead'];
const nodeWriteHead = ServerResponse.prototype.writeHead as (this: ServerResponse, status: number, ...rest: unknown[]) => ServerResponse;

/** `outgoing.writeHead` with `security` (flat) in front of whatever the response sets. */
function writeHeadWith(outgoing: ServerResponse, security: readonly string[]): WriteHead {
  return ((status: number, reasonOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[], headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]) => {
    const reason = typeof reasonOrHeaders === 'string' ? reasonOrHeaders : undefined;
    const own = typeof reasonOrHeaders === 'string' ? headers : reasonOrHeaders;
    const all: OutgoingHttpHeader[] = security.slice();
    if (Array.isArray(own)) all.push(...(Array.isArray(own[0]) ? (own as unknown as OutgoingHttpHeader[][]).flat() : own));
    else if (own) for (const name in own) if (own[name] !== undefined) all.push(name, own[name]!);
    return reason === undefined ? nodeWriteHead.call(outgoing, status, all) : nodeWriteHead.call(outgoing, status, reason, all);
  }) as WriteHead;
}
