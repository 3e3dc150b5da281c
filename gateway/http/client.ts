import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { Config } from '../config.ts';

export type ProxyTrust = Pick<Config, 'trustProxy'>;

/** The last entry of a comma-separated forwarding header: the one our own proxy wrote. */
function lastHop(value: string | undefined): string | undefined {
  const hop = value?.split(',').at(-1)?.trim();
  return hop ? hop : undefined;
}

/**
 * The caller's address, for per-client limits. The socket's peer; behind a trusted proxy
 * (TRUST_PROXY=1, one hop) the address that proxy saw: the last X-Forwarded-For entry, since
 * the ones before it come from the client and can say anything. Without a socket (in-process
 * requests: tests, the emulator's proxy) `unknown`.
 */
export function clientIp(c: Context, config: ProxyTrust): string {
  if (config.trustProxy) {
    const forwarded = lastHop(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the browser reached us over TLS: the request itself, or a trusted proxy's X-Forwarded-Proto. */
export function isHttps(c: Context, config: ProxyTrust): boolean {
  if (c.req.url.startsWith('https:')) return true;
  return config.trustProxy && lastHop(c.req.header('x-forwarded-proto'))?.toLowerCase() === 'https';
}

/** Cookies are `Secure` over TLS, and always in production (where plain HTTP must not carry a session). */
export function secureCookies(c: Context, config: ProxyTrust & Pick<Config, 'production'>): boolean {
  return config.production || isHttps(c, config);
}
