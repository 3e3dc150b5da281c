import { Hono, type Context } from 'hono';
import { trimTrailingSlash } from 'hono/trailing-slash';
import { detectHandset } from '../carrier/detect.ts';
import type { Handset } from '../carrier/handset.ts';
import type { PackageCatalog } from '../app/catalog.ts';
import { publicOrigin, type AppCarrier } from '../app/paths.ts';
import { renderPage, type Page } from '../markup/page.ts';
import { downloadPage, helpPage, topPage, unavailablePage } from './pages.ts';
import { checkTicket, type TicketLookup } from './ticket.ts';

const STATUS = { valid: 200, expired: 410, used: 410, unknown: 404 } as const;

/** Which carrier's package a Java handset downloads; null for handsets that get no package. */
export function packageCarrier(handset: Handset): AppCarrier | null {
  if (handset.app === 'doja') return 'docomo';
  if (handset.app === 'midp') return handset.carrier === 'au' ? 'au' : 'softbank';
  return null;
}

/** Handset pages (`/m/`, `/m/dl/<ticket>`, `/m/help`); mounted at `/m`. Every page goes through the markup layer. */
export function mobileRoutes(deps: { lookupTicket: TicketLookup; packages: PackageCatalog; publicUrl?: string }): Hono {
  const app = new Hono();
  // Mounted at /m, the top page's path is `/m`; `/m/` (where a browser lands) and other unknown
  // trailing-slash forms are sent there instead of a 404.
  app.use('*', trimTrailingSlash());
  app.get('/dl/:ticket', async (c) => {
    const ticket = c.req.param('ticket');
    const state = await checkTicket(deps.lookupTicket, ticket);
    const handset = detectHandset(c.req.header());
    const pageUrl = `${publicOrigin(c.req.url, deps.publicUrl)}/m/dl/${state.status === 'valid' ? ticket : ''}`;
    c.header('Cache-Control', 'no-store');
    const carrier = packageCarrier(handset);
    let packageBytes: number | null = null;
    if (state.status === 'valid' && carrier) {
      // The size of what this handset would download decides whether it is offered at all.
      try {
        packageBytes = (await deps.packages.get(state.tenantId, carrier)).bytes.length;
      } catch (error) {
        console.error(`app package for ${carrier} unavailable: ${(error as Error).message}`);
        return send(c, unavailablePage(), handset, 503);
      }
    }
    return send(c, downloadPage({ handset, ticket, state, pageUrl, packageBytes }), handset, STATUS[state.status]);
  });
  app.get('/', (c) => send(c, topPage(), detectHandset(c.req.header()), 200));
  app.get('/help', (c) => send(c, helpPage(), detectHandset(c.req.header()), 200));
  return app;
}

/** Renders a page for the requesting handset; the markup varies by User-Agent, so caches must key on it. */
export function send(c: Context, page: Page, handset: Handset, status: 200 | 404 | 410 | 503): Response {
  const rendered = renderPage(page, { handset });
  c.header('Vary', 'User-Agent');
  return c.body(rendered.body.slice().buffer, status, { 'Content-Type': rendered.contentType, 'Content-Length': String(rendered.body.length) });
}
