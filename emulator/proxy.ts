import { detectHandset } from '../gateway/carrier/detect.ts';
import type { Markup } from '../gateway/carrier/handset.ts';
import type { Device } from './catalog.ts';

/** What the emulator's mini browser asks the gateway to fetch for it. */
export interface ProxyRequest {
  device: string;
  url: string;
  method: 'GET' | 'POST';
  /** Form body, already encoded in the page's charset (`application/x-www-form-urlencoded`). */
  body?: string;
  /** The device's cookie jar for this origin as a `Cookie` header value; ignored for cookie-less handsets. */
  cookie?: string;
}

export interface ProxyResponse {
  status: number;
  url: string;
  location: string | null;
  contentType: string;
  /** Body bytes, base64: the browser decodes them by the response charset (Shift_JIS for i-mode). */
  body: string;
  /** Cookies the handset keeps (none for cookie-less handsets, whatever the site sent). */
  setCookies: string[];
  /** The request as it went out: the inspector shows exactly these headers. */
  sent: { method: 'GET' | 'POST'; headers: Record<string, string> };
  /** Response headers as received (several `Set-Cookie` joined by ", "). */
  headers: Record<string, string>;
  /** True when the page came from an `EMULATOR_ORIGINS` site rather than the gateway itself. */
  remote: boolean;
  /** The markup the gateway's detection assigns this device (CHTML: no tables, no CSS). */
  markup: Markup;
}

/** A refused proxy request: `status` is what the proxy answers, `message` the Japanese reason. */
export class ProxyError extends Error {
  override name = 'ProxyError';
  constructor(message: string, readonly status: 400 | 403 | 502 | 504 = 403) {
    super(message);
  }
}

/** The gateway's own origins (dispatched in process) and the testers' sites (`EMULATOR_ORIGINS`, fetched). */
export interface ProxyOrigins {
  gateway: readonly string[];
  remote: readonly string[];
}

export type ProxyTarget = ProxyRequest & { target: URL; remote: boolean };

const MAX_URL = 2048;
/** CR, LF, NUL and other controls would split or smuggle headers. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const BAD_REQUEST = 'リクエストの形式が正しくありません。';

/** Parses and checks a proxy request: only the gateway and the listed sites may be reached (no open proxy). */
export function parseProxyRequest(input: unknown, origins: ProxyOrigins): ProxyTarget {
  if (typeof input !== 'object' || input === null) throw new ProxyError(BAD_REQUEST, 400);
  const { device, url, method = 'GET', body, cookie } = input as Record<string, unknown>;
  if (typeof device !== 'string' || typeof url !== 'string' || url.length > MAX_URL) throw new ProxyError(BAD_REQUEST, 400);
  if (method !== 'GET' && method !== 'POST') throw new ProxyError('対応していないメソッドです。');
  if (body !== undefined && typeof body !== 'string') throw new ProxyError(BAD_REQUEST, 400);
  if (cookie !== undefined && (typeof cookie !== 'string' || CONTROL.test(cookie))) throw new ProxyError('Cookieに使えない文字が含まれています。', 400);
  let target: URL;
  try {
    target = new URL(url, origins.gateway[0]);
  } catch {
    throw new ProxyError('URLが正しくありません。', 400);
  }
  const remote = checkTarget(target, origins);
  return { device, url: target.href, method, ...(body !== undefined ? { body } : {}), ...(cookie ? { cookie } : {}), target, remote };
}

/**
 * Where a request (or a redirect's next hop) may go: the gateway outside its own emulator routes, or
 * exactly a listed origin (scheme, host and port). Returns whether the target is a listed site.
 */
export function checkTarget(target: URL, origins: ProxyOrigins): boolean {
  if (target.username || target.password) throw new ProxyError('URLにユーザ名やパスワードを含めることはできません。', 400);
  // The gateway itself is always dispatched in process, even when EMULATOR_ORIGINS lists it too.
  if (!origins.gateway.includes(target.origin)) {
    if (origins.remote.includes(target.origin)) return true;
    throw new ProxyError(origins.remote.length ? `${target.origin} はEMULATOR_ORIGINSにないため接続できません。` : 'このエミュレータからはゲートウェイ以外のサイトに接続できません。');
  }
  // The router decodes the path before matching: `/%65mulator/` is `/emulator/`, so check it decoded.
  let path: string;
  try {
    path = decodeURIComponent(target.pathname);
  } catch {
    throw new ProxyError('URLが正しくありません。', 400);
  }
  if (/^\/+emulator(?:\/|$)/i.test(path)) throw new ProxyError('このURLには接続できません。');
  return false;
}

/**
 * The headers the handset itself would send: its UA and carrier headers. docomo sends the iモードID
 * (`X-DCMGUID`) only to `http:` URLs carrying `guid=ON`: over HTTPS the i-mode gateway sends no id
 * (FireMobileSimulator does the same); au and SoftBank send theirs either way.
 */
export function deviceHeaders(device: Device, url: string): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': device.userAgent };
  const target = new URL(url);
  const guid = target.protocol === 'http:' && target.searchParams.get('guid') === 'ON';
  for (const [name, value] of Object.entries(device.headers)) {
    if (name !== 'x-dcmguid' || guid) headers[name] = value;
  }
  return headers;
}

/** Builds the request as the handset sends it; cookies only for handsets that keep them. */
export function upstreamRequest(device: Device, request: ProxyTarget): Request {
  const headers = new Headers(deviceHeaders(device, request.url));
  if (device.cookies && request.cookie) headers.set('cookie', request.cookie);
  if (request.method === 'POST') headers.set('content-type', 'application/x-www-form-urlencoded');
  return new Request(request.target, { method: request.method, headers, redirect: 'manual', ...(request.method === 'POST' ? { body: request.body ?? '' } : {}) });
}

/** A redirect is one more hop: its `Location` must pass the same check as the first URL. */
export function checkRedirect(response: Response, from: URL, origins: ProxyOrigins): void {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) return;
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new ProxyError('リダイレクト先のURLが正しくありません。', 502);
  }
  try {
    checkTarget(next, origins);
  } catch (error) {
    if (error instanceof ProxyError) throw new ProxyError(`リダイレクト先（${next.origin}）には接続できません: ${error.message}`, 403);
    throw error;
  }
}

export async function proxyResponse(device: Device, sent: Request, response: Response, remote: boolean): Promise<ProxyResponse> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    url: sent.url,
    location: response.headers.get('location'),
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    body: Buffer.from(bytes).toString('base64'),
    setCookies: device.cookies ? response.headers.getSetCookie() : [],
    sent: { method: sent.method as 'GET' | 'POST', headers: Object.fromEntries(sent.headers) },
    headers: Object.fromEntries(response.headers),
    remote,
    markup: detectHandset(Object.fromEntries(sent.headers)).markup,
  };
}
