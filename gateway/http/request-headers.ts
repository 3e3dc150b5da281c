import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The request's headers as one object, names in lower case, to read only. Under @hono/node-server
 * this is node's own parsed object: `c.req.header()` would first build an undici `Headers` from it,
 * then copy that out again, on every handset page. Repeated headers come joined, as node joins them;
 * node keeps only `Set-Cookie` as a list, and only a request carrying one gets a copy.
 */
export function requestHeaders(c: Context): Readonly<Record<string, string | undefined>> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header();
  if (incoming.headers['set-cookie'] === undefined) return incoming.headers as Record<string, string | undefined>;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(incoming.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/** One request header (lower-case name), from node's own header object where there is one. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
