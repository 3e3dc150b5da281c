import type { Context, MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';
import type { FontSize } from './frame.tsx';
import { PAGE_EXPIRED, SESSION_EXPIRED } from './messages.ts';
import type { Origin } from '../audit/trail.ts';
import type { Config } from '../config.ts';
import { clientIp, secureCookies, type ProxyTrust } from '../http/client.ts';
import { requestHeader } from '../http/request-headers.ts';
import type { Customer, Tenant } from '../store/schema.ts';
import type { Session, SessionStore } from './session.ts';

export const SESSION_COOKIE = 'ketai_sid';
const FONT_COOKIE = 'ketai_font';
/** Longest accepted value of one form field: nothing on these screens comes near it. */
const MAX_FIELD = 1000;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export type Form = Record<string, string>;

export interface PortalEnv {
  Variables: {
    session: Session;
    /** True when this request found its session idled out (and got a fresh one). */
    sessionExpired: boolean;
    form: Form;
    /** The bank whose portal this is, and the logged-in customer (behind requireLogin). */
    tenant: Tenant;
    customer: Customer;
    /** The session cookie as the request brought it, and whose id a rendered page has sent. */
    sessionCookie: SessionCookie;
  };
}

interface SessionCookie {
  name: string;
  policy: CookiePolicy;
  received: string | undefined;
  sentFor?: string;
}

export type PortalContext = Context<PortalEnv>;

/** Whether cookies go out `Secure` (over TLS, and always in production: docs/security.md). */
export type CookiePolicy = Pick<Config, 'production' | 'trustProxy'>;

/** The `Set-Cookie` value of a session: the id only, httpOnly, SameSite=Lax, Secure when cookies must be. */
function sessionCookieValue(c: Context, session: Session, policy: CookiePolicy, name: string): string {
  return `${name}=${session.id}; Path=/; HttpOnly${secureCookies(c, policy) ? '; Secure' : ''}; SameSite=Lax`;
}

/** One cookie of the request, read from node's own header object where there is one. */
export function requestCookie(c: Context, name: string): string | undefined {
  const header = requestHeader(c, 'cookie');
  return header ? parse(header, name)[name] : undefined;
}

/**
 * Finds or starts the session and saves it after the handler (only when it changed, or to mark
 * it used); an idled-out one is replaced by a fresh one that says so. Handlers that rotate the
 * session put the new one back with `c.set('session', …)`. Each portal names its own cookie, so a
 * personal and a business login in one browser do not end each other.
 *
 * A rendered page carries no-store and the cookie in its own plain headers (`pageHeaders`, from
 * `render`): headers added to a finished response make Hono rebuild it around a stream, so only
 * redirects, and pages after a rotation, get them afterwards.
 */
export function sessions(store: SessionStore, policy: CookiePolicy, name = SESSION_COOKIE): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const received = requestCookie(c, name);
    const { session, ended } = await store.open(received);
    if (ended) session.flash = ended === 'expired' ? SESSION_EXPIRED : PAGE_EXPIRED;
    const cookie: SessionCookie = { name, policy, received };
    c.set('session', session);
    c.set('sessionExpired', ended !== undefined);
    c.set('sessionCookie', cookie);
    await next();
    const current = c.get('session');
    await store.save(current);
    if (cookie.sentFor === current.id) return;
    c.header('Cache-Control', 'no-store');
    if (current.id === received) return;
    // The browser must get this id, and only this one (a page rendered before a rotation sent the old).
    const others = c.res.headers.getSetCookie().filter((header) => !header.startsWith(`${name}=`));
    c.header('Set-Cookie', undefined);
    for (const header of others) c.header('Set-Cookie', header, { append: true });
    c.header('Set-Cookie', sessionCookieValue(c, current, policy, name), { append: true });
  };
}

/** A portal page's own headers: no-store, and the session cookie when the browser lacks it. */
export function pageHeaders(c: Context<PortalEnv>): Record<string, string> {
  const cookie = c.get('sessionCookie');
  const session = c.get('session');
  if (!cookie || !session) return { 'Cache-Control': 'no-store' };
  cookie.sentFor = session.id;
  if (session.id === cookie.received) return { 'Cache-Control': 'no-store' };
  return { 'Cache-Control': 'no-store', 'Set-Cookie': sessionCookieValue(c, session, cookie.policy, cookie.name) };
}

/** Reads a posted form as plain strings (files and repeated names ignored) and checks `_csrf`. */
export function formWithCsrf(store: SessionStore, onRefused: (c: PortalContext, check: 'stale' | 'forged') => Response | Promise<Response>): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const form: Form = {};
    // Control characters (NUL above all, which PostgreSQL text refuses) become U+FFFD: such a value
    // then fails its field's check like any other wrong input, instead of reaching the store.
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value.slice(0, MAX_FIELD).replace(CONTROL, '\uFFFD');
    c.set('form', form);
    const check = store.checkCsrf(c.get('session'), form._csrf ?? '');
    if (check !== 'ok') return onRefused(c, check);
    await next();
  };
}

/** The client as the audit trail and the per-client limit see it (behind a trusted proxy, the address it saw). */
export function originOf(c: Context, trust: ProxyTrust): Origin {
  const userAgent = c.req.header('user-agent');
  const ip = clientIp(c, trust);
  return { ...(ip !== 'unknown' ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}

export function fontSize(c: Context): FontSize {
  const size = requestCookie(c, FONT_COOKIE);
  return size === 's' || size === 'l' ? size : 'm';
}

export function setFontSize(c: Context, size: FontSize, policy: CookiePolicy): void {
  setCookie(c, FONT_COOKIE, size, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 365 * 86_400, secure: secureCookies(c, policy) });
}

/** Takes the one-time message out of the session. */
export function takeFlash(session: Session): string | undefined {
  const { flash } = session;
  delete session.flash;
  return flash;
}
