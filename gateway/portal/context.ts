import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { FontSize } from './frame.tsx';
import { PAGE_EXPIRED, SESSION_EXPIRED } from './messages.ts';
import type { Session, SessionStore } from './session.ts';

export const SESSION_COOKIE = 'ketai_sid';
const FONT_COOKIE = 'ketai_font';
/** Longest accepted value of one form field: nothing on these screens comes near it. */
const MAX_FIELD = 1000;

export type Form = Record<string, string>;

export interface PortalEnv {
  Variables: {
    session: Session;
    /** True when this request found its session idled out (and got a fresh one). */
    sessionExpired: boolean;
    form: Form;
  };
}

export type PortalContext = Context<PortalEnv>;

export function setSessionCookie(c: Context, session: Session): void {
  setCookie(c, SESSION_COOKIE, session.id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

/** Finds or starts the session; an idled-out one is replaced by a fresh one that says so. */
export function sessions(store: SessionStore): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const found = store.touch(id);
    const flash = found === 'expired' ? SESSION_EXPIRED : found === 'idle' ? PAGE_EXPIRED : undefined;
    const session = typeof found === 'object' && found !== null ? found : store.create(flash);
    if (session.id !== id) setSessionCookie(c, session);
    c.set('session', session);
    c.set('sessionExpired', flash !== undefined);
    c.header('Cache-Control', 'no-store');
    await next();
  };
}

/** Reads a posted form as plain strings (files and repeated names ignored) and checks `_csrf`. */
export function formWithCsrf(onRefused: (c: PortalContext) => Response | Promise<Response>): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const form: Form = {};
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value.slice(0, MAX_FIELD);
    c.set('form', form);
    if (!sameToken(form._csrf ?? '', c.var.session.csrf)) return onRefused(c);
    await next();
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function fontSize(c: Context): FontSize {
  const size = getCookie(c, FONT_COOKIE);
  return size === 's' || size === 'l' ? size : 'm';
}

export function setFontSize(c: Context, size: FontSize): void {
  setCookie(c, FONT_COOKIE, size, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 365 * 86_400 });
}

/** Takes the one-time message out of the session. */
export function takeFlash(session: Session): string | undefined {
  const { flash } = session;
  delete session.flash;
  return flash;
}
