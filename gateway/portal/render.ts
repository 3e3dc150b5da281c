import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Services } from '../services.ts';
import { fontSize, pageHeaders, type PortalContext } from './context.ts';
import type { Chrome } from './screens/login.tsx';

/**
 * A portal page. Its headers are one plain object (node-server writes that as it is; `c.html()`
 * with several would build an undici `Headers`), so headers set with `c.header()` before it are
 * not carried: portal pages get theirs from `pageHeaders`.
 */
export async function render(c: PortalContext, page: JSX.Element | Promise<string>, status: 200 | 400 | 403 | 404 | 409 | 413 | 429 = 200): Promise<Response> {
  return new Response(`<!DOCTYPE html>${await page}`, { status, headers: { 'Content-Type': 'text/html; charset=UTF-8', ...pageHeaders(c) } });
}

export function chrome(c: PortalContext): Chrome {
  // c.get, not c.var: Hono builds a new object of every variable on each c.var.
  const session = c.get('session');
  return {
    bankName: c.get('tenant').name,
    csrf: session.csrf,
    fontSize: fontSize(c),
    loggedIn: session.stage === 'in',
  };
}

/** The origin for mailed links: PUBLIC_URL, else the one the portal was reached on. */
export function publicOrigin(c: PortalContext, services: Services): string {
  return services.config.publicUrl ?? new URL(c.req.url).origin;
}
