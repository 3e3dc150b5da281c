import { Hono } from 'hono';
import { detectHandset } from '../carrier/detect.ts';
import type { Handset } from '../carrier/handset.ts';
import { publicOrigin } from '../app/paths.ts';
import { renderPage, type Page } from '../markup/page.ts';
import { downloadPage, helpPage } from './pages.ts';
import { checkTicket, type TicketLookup } from './ticket.ts';
import { requestHeaders } from '../http/request-headers.ts';

const STATUS = { valid: 200, expired: 410, used: 410, unknown: 404 } as const;

/** Handset pages (`/m/dl/<ticket>`, `/m/help`); mounted at `/m`. Every page goes through the markup layer. */
export function mobileRoutes(deps: { lookupTicket: TicketLookup; publicUrl?: string }): Hono {
  const app = new Hono();
  app.get('/dl/:ticket', (c) => {
    const ticket = c.req.param('ticket');
    const state = checkTicket(deps.lookupTicket, ticket);
    const handset = detectHandset(requestHeaders(c));
    const pageUrl = `${publicOrigin(c.req.url, deps.publicUrl)}/m/dl/${state.status === 'valid' ? ticket : ''}`;
    return send(downloadPage({ handset, ticket, state, pageUrl }), handset, STATUS[state.status], { 'Cache-Control': 'no-store' });
  });
  app.get('/help', (c) => send(helpPage(), detectHandset(requestHeaders(c)), 200));
  return app;
}

/**
 * Renders a page for the requesting handset; the markup varies by User-Agent, so caches must key on it.
 * The headers go in one plain object: `c.body()` with more than one header builds an undici `Headers`,
 * which node-server then copies out again.
 */
export function send(page: Page, handset: Handset, status: 200 | 404 | 410, headers: Record<string, string> = {}): Response {
  const rendered = renderPage(page, { handset });
  return new Response(rendered.body, {
    status,
    headers: { 'Content-Type': rendered.contentType, 'Content-Length': String(rendered.body.length), Vary: 'User-Agent', ...headers },
  });
}
