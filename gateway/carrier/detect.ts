import { BoundedCache } from '../bounded-cache.ts';
import { detectAu } from './au.ts';
import { detectDocomo } from './docomo.ts';
import { detectEmobile } from './emobile.ts';
import type { Handset, HeaderMap } from './handset.ts';
import { detectModern } from './modern.ts';
import { detectSoftbank } from './softbank.ts';
import { detectWillcom } from './willcom.ts';

/** A budget small enough for any handset: what an unrecognised client gets. */
const UNKNOWN: Handset = Object.freeze({
  carrier: 'unknown', family: 'unknown', model: null, deviceId: null, name: null, markup: 'html5', browser2: false,
  encoding: 'utf-8', cacheBytes: 5 * 1024, screen: null, cookies: false, app: 'none', subscriberId: null,
});
/** Longer user agents are junk; truncating keeps every regex linear in a bounded input. */
const MAX_USER_AGENT = 512;
/** The headers the detectors read besides the User-Agent: they see no other, so these make the cache key. */
const HEADERS = ['x-dcmguid', 'x-up-subno', 'x-up-devcap-max-pdu', 'x-up-devcap-screenpixels', 'x-jphone-msname', 'x-jphone-display', 'x-jphone-uid', 'x-jphone-java', 'x-em-uid'] as const;
/**
 * Handsets by their headers: the same few user agents come again and again. Bounded (an attacker
 * can send any header), and a longer key is not kept, so no entry is big either.
 */
const detected = new BoundedCache<string, Handset>(1000);
const MAX_KEY = 1024;

/**
 * Describes the handset from its request headers (lower-case names). Never throws: junk is `unknown`.
 * The same headers give the same object, frozen: callers share it (and may key caches on it).
 */
export function detectHandset(headers: HeaderMap): Handset {
  const key = detectionKey(headers);
  const known = key === null ? undefined : detected.get(key);
  if (known) return known;
  const seen: Record<string, string | undefined> = { 'user-agent': headers['user-agent'] };
  for (const name of HEADERS) seen[name] = headers[name];
  const handset = frozen(detect(seen));
  if (key !== null) detected.set(key, handset);
  return handset;
}

/** Each header's length before its value, so no two header sets share a key whatever they hold. */
function detectionKey(headers: HeaderMap): string | null {
  const userAgent = headers['user-agent'] ?? '';
  let key = `${userAgent.length}:${userAgent}`;
  for (const name of HEADERS) {
    const value = headers[name];
    if (value !== undefined) key += `\n${name}:${value.length}:${value}`;
  }
  return key.length <= MAX_KEY ? key : null;
}

function frozen(handset: Handset): Handset {
  if (handset.screen) Object.freeze(handset.screen);
  return Object.freeze(handset);
}

function detect(headers: HeaderMap): Handset {
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
