import type { Env, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

type Options = Parameters<typeof bodyLimit>[0];

/**
 * hono's `bodyLimit`, skipped on GET and HEAD: they carry no body (node-server never reads one), and
 * asking for `c.req.raw.body` would build a full undici `Request` on every page view.
 */
export function limitBody<E extends Env>(options: Options): MiddlewareHandler<E> {
  const limit = bodyLimit(options) as MiddlewareHandler<E>;
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next));
}
