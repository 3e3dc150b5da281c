import type { Database } from '../store/database.ts';
import type { AuditEvent, Customer } from '../store/schema.ts';

export const HISTORY_PAGE = 20;
/** Events read per query when filtering the bank's events down to one company. */
const SCAN = 500;
const JST_MS = 9 * 3600_000;

export interface HistoryQuery {
  customerId?: string;
  /** A Japan date, YYYY-MM-DD. */
  date?: string;
  /** Older than this event id (the next page). */
  before?: string;
}

/** The JST day `date` as the audit trail's ISO bounds, or null when it is not a date. */
export function jstDay(date: string): { from: string; to: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const start = Date.parse(`${date}T00:00:00Z`) - JST_MS;
  if (Number.isNaN(start)) return null;
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}

/**
 * 利用履歴照会 (BRK001): the company's audit events, newest first, a page at a time. Without an
 * お客様ID the bank's events are scanned and kept when they concern one of the company's users.
 */
export async function companyHistory(db: Database, admin: Customer, company: Customer[], query: HistoryQuery): Promise<{ events: AuditEvent[]; next?: string }> {
  const ids = new Set(company.map((user) => user.id));
  const day = query.date ? jstDay(query.date) : null;
  const base = { tenantId: admin.tenantId, ...(query.customerId ? { customerId: query.customerId } : {}), ...(day ?? {}) };
  const events: AuditEvent[] = [];
  let before = query.before;
  for (;;) {
    const batch = await db.audit.list({ ...base, ...(before ? { before } : {}), limit: SCAN });
    for (const event of batch) {
      if (event.customerId && ids.has(event.customerId)) events.push(event);
      if (events.length > HISTORY_PAGE) break;
    }
    if (events.length > HISTORY_PAGE || batch.length < SCAN) break;
    before = batch.at(-1)!.id;
  }
  const page = events.slice(0, HISTORY_PAGE);
  return { events: page, ...(events.length > HISTORY_PAGE ? { next: page.at(-1)!.id } : {}) };
}
