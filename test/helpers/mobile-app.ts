import { Hono } from 'hono';
import { createPackageCatalog } from '../../gateway/app/catalog.ts';
import { packageFitter } from '../../gateway/app/profile.ts';
import { appRoutes } from '../../gateway/app/routes.ts';
import { mobileRoutes } from '../../gateway/mobile/routes.ts';
import { trailingSlashRedirect } from '../../gateway/http/trailing-slash.ts';
import type { TicketLookup, TicketState } from '../../gateway/mobile/ticket.ts';

export const VALID = 'V'.repeat(31) + 'a';
export const EXPIRED = 'E'.repeat(31) + 'b';
export const USED = 'U'.repeat(31) + 'c';
export const UNKNOWN = 'N'.repeat(31) + 'd';

/** A small Map-backed ticket lookup, like the issuance service's. */
export function mapLookup(): TicketLookup {
  const states = new Map<string, TicketState>([
    [VALID, { status: 'valid', tenantId: 'tenant-1', bankName: 'ひまわり信用組合', expiresAt: '2026-11-23T03:00:00.000Z' }],
    [EXPIRED, { status: 'expired' }],
    [USED, { status: 'used' }],
  ]);
  return async (ticket) => states.get(ticket) ?? { status: 'unknown' };
}

/** The handset-facing routes as the gateway mounts them at `/m`. */
export function mobileApp(dataDir: string, publicUrl?: string): Hono {
  const lookupTicket = mapLookup();
  const packages = createPackageCatalog({ dataDir });
  const app = new Hono();
  app.route('/m', mobileRoutes({ lookupTicket, packageFits: packageFitter(packages), ...(publicUrl ? { publicUrl } : {}) }));
  app.route('/m', appRoutes({ lookupTicket, packages, ...(publicUrl ? { publicUrl } : {}) }));
  // As createApp answers what found no route: `/m/` and the like go to the path without the slash.
  app.notFound(trailingSlashRedirect('/m/'));
  return app;
}
