import type { NotFoundHandler } from 'hono';

/**
 * The not-found answer that sends a handset path typed with a trailing slash (`/m/`,
 * `/m/biz/20200001/`) to the path without it, as hono's `trimTrailingSlash` would. Done here, where a
 * request found no route, instead of as middleware on `/m/*`: that would put every handset page
 * through Hono's composed (slower) dispatch. Other paths get Hono's own 404.
 */
export function trailingSlashRedirect(prefix: string): NotFoundHandler {
  return (c) => {
    const { method, path } = c.req;
    if ((method === 'GET' || method === 'HEAD') && path.startsWith(prefix) && path.endsWith('/')) {
      const url = new URL(c.req.url);
      url.pathname = url.pathname.slice(0, -1);
      return c.redirect(url.toString(), 301);
    }
    return c.text('404 Not Found', 404);
  };
}
