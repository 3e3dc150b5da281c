import { Hono } from 'hono';
import { detectHandset } from '../carrier/detect.ts';
import type { Handset } from '../carrier/handset.ts';
import { publicOrigin } from '../app/paths.ts';
import { requestHeaders } from '../http/request-headers.ts';
import { renderPage, type Page, type RenderedPage } from '../markup/page.ts';
import { renderDownloadPage } from './download-render.ts';
import { helpPage, topPage } from './pages.ts';
import type { TicketLookup } from './ticket.ts';

const STATUS = { valid: 200, expired: 410, used: 410, unknown: 404 } as const;

/** Whether the tenant's package suits this Java handset (gateway/app/profile.ts). */
export type PackageFits = (handset: Handset, userAgent: string, tenantId: string) => boolean | Promise<boolean>;

/** Handset pages (`/m`, `/m/dl/<ticket>`, `/m/help`); mounted at `/m`. Every page goes through the markup layer. */
export function mobileRoutes(deps: { lookupTicket: TicketLookup; publicUrl?: string; packageFits?: PackageFits }): Hono {
  const app = new Hono();
  // Mounted at /m, the top page's path is `/m`; `/m/` (where a browser lands) and other unknown
  // trailing-slash forms are sent there by createApp's not-found answer (http/trailing-slash.ts).
  app.get('/dl/:ticket', async (c) => {
    const ticket = c.req.param('ticket');
    const state = await deps.lookupTicket(ticket);
    const headers = requestHeaders(c);
    const handset = detectHandset(headers);
    const pageUrl = () => `${publicOrigin(c.req.url, deps.publicUrl)}/m/dl/${state.status === 'valid' ? ticket : ''}`;
    const fits = state.status === 'valid' && deps.packageFits ? deps.packageFits(handset, headers['user-agent'] ?? '', state.tenantId) : true;
    // Awaited only when it is a promise: an answer at hand costs no turn of the microtask queue.
    const appFits = typeof fits === 'boolean' ? fits : await fits;
    return respond(renderDownloadPage({ handset, ticket, state, pageUrl, appFits }), STATUS[state.status], { 'Cache-Control': 'no-store' });
  });
  app.get('/', (c) => send(topPage(), detectHandset(requestHeaders(c)), 200));
  app.get('/help', (c) => send(helpPage(), detectHandset(requestHeaders(c)), 200));
  return app;
}

/**
 * Renders a page for the requesting handset; the markup varies by User-Agent, so caches must key on it.
 * The headers go in one plain object: `c.body()` with more than one header builds an undici `Headers`,
 * which node-server then copies out again.
 */
export function send(page: Page, handset: Handset, status: 200 | 404 | 410, headers: Record<string, string> = {}): Response {
  return respond(renderPage(page, { handset }), status, headers);
}

function respond(rendered: RenderedPage, status: 200 | 404 | 410, headers: Record<string, string>): Response {
  return new Response(rendered.body, {
    status,
    headers: { 'Content-Type': rendered.contentType, 'Content-Length': String(rendered.body.length), Vary: 'User-Agent', ...headers },
  });
}
