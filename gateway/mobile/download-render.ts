import { BoundedCache } from '../bounded-cache.ts';
import type { Handset } from '../carrier/handset.ts';
import { renderPage, type RenderedPage } from '../markup/page.ts';
import { canStandIn, fillTemplate, pageTemplate, type PageTemplate } from '../markup/template.ts';
import { downloadPage, japanTime } from './pages.ts';
import type { TicketState } from './ticket.ts';

/**
 * What differs between two tickets' download pages, for one handset and bank: the ticket (in the
 * descriptor link) and the expiry time, both ASCII. A valid ticket is never the stand-in (tickets are
 * random), nor a page URL `about:stand-in` (real ones are `<origin>/m/dl/…`).
 */
const STAND_IN = { ticket: 'STANDxINxTICKETxxxxxxxxxxxxxxxx0', expiresAt: '2000-01-01T00:00:00.000Z', pageUrl: 'about:stand-in' };
const STAND_IN_EXPIRY = japanTime(STAND_IN.expiresAt);

/**
 * Templates (`markup/template.ts`) of each handset's download pages, by what else the page shows.
 * Keyed by the handset object, which `detectHandset` keeps per header set in a bounded cache: a
 * handset it lets go takes its templates with it. A template is made the second time a page is asked
 * for, so that headers seen once (junk, a new handset object each time) cost one rendering, not two.
 */
const templates = new WeakMap<Handset, HandsetPages>();
type Known = PageTemplate | 'seen' | 'not a template';
/**
 * One handset's pages: by outcome (expired, used, unknown), and the valid ticket's by bank, one map
 * for a package that fits the handset and one for one that does not. Keyed by the strings the store
 * gives (the same string each time, its hash kept), not by a key joined per request and hashed anew.
 */
type HandsetPages = [byOutcome: Map<string, Known>, fits: Map<string, Known>, doesNotFit: Map<string, Known>];
/** Pages per handset: a few outcomes times the banks, which the store holds, not the request. */
const PER_HANDSET = 32;
/** Expiry times as the page writes them, by the issuance's `expiresAt`: a link is opened more than once. */
const expiryTexts = new BoundedCache<string, string>(1000);

export interface DownloadRequest {
  handset: Handset;
  ticket: string;
  state: TicketState;
  /** The page's own absolute URL; only computed (a URL parse) for pages that show it. */
  pageUrl: () => string;
  appFits: boolean;
}

/**
 * The mail link's page (`downloadPage`) rendered for the handset: from the template of this handset,
 * outcome and bank when there is one, with this request's ticket and expiry written in, otherwise
 * rendered in full. The template holds the stand-ins, never a visitor's ticket or time.
 */
export function renderDownloadPage(request: DownloadRequest): RenderedPage {
  const { handset, state } = request;
  const which: 0 | 1 | 2 = state.status !== 'valid' ? 0 : request.appFits ? 1 : 2;
  const key = state.status === 'valid' ? state.bankName : state.status;
  const values = state.status === 'valid' ? [request.ticket, expiryText(state.expiresAt)] : [];
  let pages = templates.get(handset);
  const known = pages?.[which].get(key);
  if (typeof known === 'object') {
    const body = fillTemplate(known, values);
    if (body) return { body, contentType: known.contentType };
  }
  const page = renderPage(downloadPage({ handset, ticket: request.ticket, state, pageUrl: request.pageUrl(), appFits: request.appFits }), { handset });
  const standIns = state.status === 'valid' ? [STAND_IN.ticket, STAND_IN_EXPIRY] : [];
  if (known === 'not a template' || typeof known === 'object' || !canStandIn(standIns, values)) return page;
  if (!pages) templates.set(handset, (pages = [new Map(), new Map(), new Map()]));
  if (pages[0].size + pages[1].size + pages[2].size >= PER_HANDSET) for (const map of pages) map.clear();
  pages[which].set(key, known === 'seen' ? (templateOf(request, { page, values }, standIns) ?? 'not a template') : 'seen');
  return page;
}

function expiryText(expiresAt: string): string {
  let text = expiryTexts.get(expiresAt);
  if (text === undefined) expiryTexts.set(expiresAt, (text = japanTime(expiresAt)));
  return text;
}

/** The page rendered with the stand-ins, as the template of `real` if it is one. */
function templateOf(request: DownloadRequest, real: { page: RenderedPage; values: string[] }, standIns: string[]): PageTemplate | null {
  const state = request.state.status === 'valid' ? { ...request.state, expiresAt: STAND_IN.expiresAt } : request.state;
  const standIn = downloadPage({ handset: request.handset, ticket: STAND_IN.ticket, state, pageUrl: STAND_IN.pageUrl, appFits: request.appFits });
  return pageTemplate(real, { page: renderPage(standIn, { handset: request.handset }), values: standIns });
}
