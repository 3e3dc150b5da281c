import { Hono, type Context } from 'hono';
import { detectHandset } from '../carrier/detect.ts';
import type { Handset } from '../carrier/handset.ts';
import { publicOrigin } from '../app/paths.ts';
import { renderPage, type Page } from '../markup/page.ts';
import { downloadPage, helpPage } from './pages.ts';
import { checkTicket, type TicketLookup } from './ticket.ts';

const STATUS = { valid: 200, expired: 410, used: 410, unknown: 404 } as const;

/** Handset pages (`/m/dl/<ticket>`, `/m/help`); mounted at `/m`. Every page goes through the markup layer. */
export function mobileRoutes(deps: { lookupTicket: TicketLookup; publicUrl?: string }): Hono {
  const app = new Hono();
  app.get('/dl/:ticket', (c) => {
    const ticket = c.req.param('ticket');
    const state = checkTicket(deps.lookupTicket, ticket);
    const handset = detectHandset(c.req.header());
    const pageUrl = `${publicOrigin(c.req.url, deps.publicUrl)}/m/dl/${state.status === 'valid' ? ticket : ''}`;
    c.header('Cache-Control', 'no-store');
    return send(c, downloadPage({ handset, ticket, state, pageUrl }), handset, STATUS[state.status]);
  });
  app.get('/help', (c) => send(c, helpPage(), detectHandset(c.req.header()), 200));
  return app;
}

/** Renders a page for the requesting handset; the markup varies by User-Agent, so caches must key on it. */
export function send(c: Context, page: Page, handset: Handset, status: 200 | 404 | 410): Response {
  const rendered = renderPage(page, { handset });
  c.header('Vary', 'User-Agent');
  return c.body(rendered.body, status, { 'Content-Type': rendered.contentType, 'Content-Length': String(rendered.body.length) });
}
