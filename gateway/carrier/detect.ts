import { detectAu } from './au.ts';
import { detectDocomo } from './docomo.ts';
import { detectEmobile } from './emobile.ts';
import type { Handset, HeaderMap } from './handset.ts';
import { detectModern } from './modern.ts';
import { detectSoftbank } from './softbank.ts';
import { detectWillcom } from './willcom.ts';

/** A budget small enough for any handset: what an unrecognised client gets. */
const UNKNOWN: Handset = {
  carrier: 'unknown', family: 'unknown', model: null, deviceId: null, name: null, markup: 'html5', browser2: false,
  encoding: 'utf-8', cacheBytes: 5 * 1024, screen: null, cookies: false, app: 'none', subscriberId: null,
};
/** Longer user agents are junk; truncating keeps every regex linear in a bounded input. */
const MAX_USER_AGENT = 512;

/** Describes the handset from its request headers (lower-case names). Never throws: junk is `unknown`. */
export function detectHandset(headers: HeaderMap): Handset {
  const userAgent = (headers['user-agent'] ?? '').trim().slice(0, MAX_USER_AGENT);
  if (!userAgent) return UNKNOWN;
  try {
    return (
      detectDocomo(userAgent, headers) ??
      detectAu(userAgent, headers) ??
      detectSoftbank(userAgent, headers) ??
      detectWillcom(userAgent) ??
      detectEmobile(userAgent, headers) ??
      detectModern(userAgent) ??
      UNKNOWN
    );
  } catch {
    return UNKNOWN;
  }
}

/** The `GET /api/v1/handset` shape (docs/contracts.md). */
export function handsetSummary(handset: Handset) {
  const { carrier, model, deviceId, cacheBytes, markup, encoding, cookies, app } = handset;
  return { carrier, model, deviceId, name: handset.name, cacheBytes, markup, encoding, cookies, app };
}
