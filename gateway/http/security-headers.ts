import { IncomingMessage, OutgoingMessage, ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http';
import { Socket } from 'node:net';
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
  return POLICIES[partAt(path, 0)]![1];
}

/** Which entry of POLICIES the path starting at `start` of `text` falls under (the last, `/`, takes the rest). */
function partAt(text: string, start: number): number {
  let index = 0;
  while (index < POLICIES.length - 1 && !text.startsWith(POLICIES[index]![0], start)) index++;
  return index;
}

/** Where the path of an absolute request URL begins. Only prefixes are compared, so the query may stay. */
function pathStart(url: string): number {
  return url.indexOf('/', url.indexOf('//') + 2);
}

/** Over TLS: the request itself, or (TRUST_PROXY=1) the proxy's X-Forwarded-Proto. */
function overHttps(request: Request, mode: Pick<Config, 'trustProxy'>): boolean {
  if (request.url.startsWith('https:')) return true;
  return mode.trustProxy && request.headers.get('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

/**
 * Everything a response of one part of the site gets, with and without HSTS, built once: as pairs
 * (for `Response` objects) and as the lines node writes into a response's header block.
 */
const SENT = POLICIES.map(([, policy]) => {
  const plain: SecurityHeader[] = [...SECURITY_HEADERS, ['Content-Security-Policy', policy]];
  return { plain: sent(plain), overHttps: sent([...plain, HSTS]) };
});

interface Sent {
  headers: readonly SecurityHeader[];
  /** `Name: value\r\n` for each, checked once here as node checks every header it writes. */
  block: string;
}

function sent(headers: SecurityHeader[]): Sent {
  for (const [name, value] of headers) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
  }
  return { headers, block: headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') };
}

/**
 * Makes `app` add the security headers, its part's CSP, and HSTS over HTTPS to every response. Served
 * by node:http with `SecuredResponse` as its response class (`SECURED_SERVER_OPTIONS`, as
 * gateway/server.ts does), they go into the header block node builds with the route's own headers,
 * as one prepared string: node validating and serialising a dozen constant headers on every
 * response cost about a quarter of a bare Hono response. No undici `Headers` is built and no
 * middleware runs, so a route with one handler keeps Hono's synchronous fast path and node-server's
 * cached response (routes never set these names, so nothing is sent twice); and no response gets a
 * property or a function of its own, which would give node's objects a shape per request.
 * Elsewhere (`app.request`, the emulator's in-process dispatch, a node server with node's own
 * response class) they are set on the finished response.
 */
export function withSecurityHeaders<App extends Pick<Hono, 'fetch'>>(app: App, mode: Pick<Config, 'trustProxy'> = { trustProxy: false }): App {
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => {
    const start = pathStart(request.url);
    const part = SENT[start < 0 ? POLICIES.length - 1 : partAt(request.url, start)]!;
    const security = overHttps(request, mode) ? part.overHttps : part.plain;
    const outgoing = (env as { outgoing?: unknown } | undefined)?.outgoing;
    if (outgoing instanceof SecuredResponse) {
      outgoing.securityBlock = security.block;
      return dispatch(request, env, executionCtx);
    }
    return Promise.resolve(dispatch(request, env, executionCtx)).then((response) => {
      for (const [name, value] of security.headers) response.headers.set(name, value);
      return response;
    });
  };
  return app;
}

/** Node's header block of a response, until it is sent: the status line and header lines, ending in an empty line. */
type WithHeaderBlock = { _header?: unknown };
/** What node's `writeHead` calls with the status line and the route's headers, to build the header block. */
type StoreHeader = (this: ServerResponse, firstLine: string, headers: unknown) => void;
const nodeStoreHeader = (OutgoingMessage.prototype as unknown as { _storeHeader: StoreHeader })._storeHeader;

/**
 * Node's `ServerResponse` with a place for the security header block that `withSecurityHeaders`
 * chose for its request: node's `writeHead` (which it also calls for implicit headers) builds the
 * header block from the status line, the block written right after it, and the route's own headers.
 * The block is joined to the status line, not put before the block's last empty line: that would
 * flatten node's header block, built up by joining strings, once more per response. One class for
 * every response, so node's own code sees one shape.
 */
export class SecuredResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  /** `Name: value\r\n` lines; none until the app has seen the request. */
  securityBlock: string | undefined = undefined;

  /** Node's own method (lib/_http_outgoing.js), which its `writeHead` calls; checked at start below. */
  _storeHeader(firstLine: string, headers: unknown): void {
    const block = this.securityBlock;
    nodeStoreHeader.call(this, block === undefined ? firstLine : firstLine + block, headers);
  }
}

/** node:http's `createServer` options (`serve({ serverOptions })`) under which `withSecurityHeaders` writes its headers into node's header block. */
export const SECURED_SERVER_OPTIONS = { ServerResponse: SecuredResponse } as const;

/** Checked at start: this Node.js builds the header block as `SecuredResponse` expects. */
assertHeaderBlock();
function assertHeaderBlock(): void {
  const response = new SecuredResponse(new IncomingMessage(new Socket()));
  response.securityBlock = 'X-Check: 1\r\n';
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  const written = (response as WithHeaderBlock)._header;
  if (typeof written !== 'string' || !written.startsWith('HTTP/1.1 200 OK\r\nX-Check: 1\r\nContent-Type: text/plain\r\n') || !written.endsWith('\r\n\r\n')) {
    throw new Error('this Node.js version builds response headers differently: the security headers could not be sent (see gateway/http/security-headers.ts)');
  }
}
