import type { Device } from './catalog.ts';

/** What the emulator's mini browser asks the gateway to fetch for it. */
export interface ProxyRequest {
  device: string;
  url: string;
  method: 'GET' | 'POST';
  /** Form body, already encoded in the page's charset (`application/x-www-form-urlencoded`). */
  body?: string;
  /** The device's cookie jar as a `Cookie` header value; ignored for cookie-less handsets. */
  cookie?: string;
}

export interface ProxyResponse {
  status: number;
  url: string;
  location: string | null;
  contentType: string;
  /** Body bytes, base64: the browser decodes them by the response charset (Shift_JIS for i-mode). */
  body: string;
  setCookies: string[];
}

export class ProxyError extends Error {
  override name = 'ProxyError';
}

const MAX_URL = 2048;
const MAX_BODY = 64 * 1024;

/** Parses and checks a proxy request: only the gateway's own origin may be reached (no open proxy). */
export function parseProxyRequest(input: unknown, origins: readonly string[]): ProxyRequest & { target: URL } {
  if (typeof input !== 'object' || input === null) throw new ProxyError('リクエストの形式が正しくありません。');
  const { device, url, method = 'GET', body, cookie } = input as Record<string, unknown>;
  if (typeof device !== 'string' || typeof url !== 'string' || url.length > MAX_URL) throw new ProxyError('リクエストの形式が正しくありません。');
  if (method !== 'GET' && method !== 'POST') throw new ProxyError('対応していないメソッドです。');
  if (body !== undefined && (typeof body !== 'string' || body.length > MAX_BODY)) throw new ProxyError('送信データが大きすぎます。');
  if (cookie !== undefined && typeof cookie !== 'string') throw new ProxyError('リクエストの形式が正しくありません。');
  let target: URL;
  try {
    target = new URL(url, origins[0]);
  } catch {
    throw new ProxyError('URLが正しくありません。');
  }
  if (!origins.includes(target.origin)) throw new ProxyError('このエミュレータからはゲートウェイ以外のサイトに接続できません。');
  return { device, url: target.href, method, ...(body !== undefined ? { body } : {}), ...(cookie ? { cookie } : {}), target };
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

/** Builds the request the gateway dispatches to itself; cookies only for handsets that keep them. */
export function upstreamRequest(device: Device, request: ProxyRequest & { target: URL }): Request {
  const headers = new Headers(deviceHeaders(device, request.url));
  if (device.cookies && request.cookie) headers.set('cookie', request.cookie);
  if (request.method === 'POST') headers.set('content-type', 'application/x-www-form-urlencoded');
  return new Request(request.target, { method: request.method, headers, redirect: 'manual', ...(request.method === 'POST' ? { body: request.body ?? '' } : {}) });
}

export async function proxyResponse(device: Device, url: string, response: Response): Promise<ProxyResponse> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    url,
    location: response.headers.get('location'),
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    body: Buffer.from(bytes).toString('base64'),
    setCookies: device.cookies ? response.headers.getSetCookie() : [],
  };
}
