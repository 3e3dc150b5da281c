import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Services } from '../services.ts';
import type { Customer } from '../store/schema.ts';
import { fontSize, type PortalContext } from './context.ts';
import type { Chrome } from './screens/login.tsx';

export async function render(c: PortalContext, page: JSX.Element, status: 200 | 400 | 403 | 404 | 409 | 413 = 200): Promise<Response> {
  return c.html(`<!DOCTYPE html>${await page}`, status);
}

/** The personal-banking bank whose portal this is (the first personal tenant). */
export function portalTenant(services: Services) {
  const tenant = Object.values(services.store.data.tenants).find((candidate) => candidate.kind === 'personal');
  if (!tenant) throw new Error('no personal-banking tenant in the data');
  return tenant;
}

export function chrome(c: PortalContext, services: Services): Chrome {
  const session = c.var.session;
  return {
    bankName: portalTenant(services).name,
    csrf: session.csrf,
    fontSize: fontSize(c),
    loggedIn: session.stage === 'in',
  };
}

/** The logged-in customer; routes behind `requireLogin` only. */
export function customerOf(c: PortalContext, services: Services): Customer {
  return services.store.data.customers[c.var.session.customerId!]!;
}

/** The origin for mailed links: PUBLIC_URL, else the one the portal was reached on. */
export function publicOrigin(c: PortalContext, services: Services): string {
  return services.config.publicUrl ?? new URL(c.req.url).origin;
}
