import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ProxyError } from './proxy.ts';

/** How far a tester's site may go: the answer's size and the time to get all of it. */
export interface RemoteLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** The largest handset download in the catalogue is a 2 MB i-appli; nothing a handset takes is bigger. */
export const REMOTE_LIMITS: RemoteLimits = { maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000 };

/**
 * Fetches one hop from an `EMULATOR_ORIGINS` site. Plain node:http(s), not `fetch`: the site gets
 * exactly the handset's headers (fetch would add Accept-Language, Sec-Fetch-Mode, Accept-Encoding), no
 * redirect is followed here (the mini browser asks for each hop, which is checked again), and the body
 * is read up to `maxBytes`, everything within `timeoutMs`.
 */
export async function fetchRemote(request: Request, limits: RemoteLimits = REMOTE_LIMITS): Promise<Response> {
  const url = new URL(request.url);
  const body = request.method === 'GET' ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  if (body) headers['content-length'] = String(body.length);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const fail = (error: ProxyError) => {
      clearTimeout(timer);
      outgoing.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new ProxyError(`${url.host} から${limits.timeoutMs / 1000}秒以内に応答がありませんでした。`, 504)), limits.timeoutMs);
    const outgoing = send(url, { method: request.method, headers, agent: false }, (incoming) => {
      if (Number(incoming.headers['content-length']) > limits.maxBytes) return fail(tooLarge(limits));
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) return fail(tooLarge(limits));
        chunks.push(chunk);
      });
      incoming.on('end', () => {
        clearTimeout(timer);
        resolve(toResponse(incoming, Buffer.concat(chunks)));
      });
      incoming.on('error', () => fail(new ProxyError(`${url.host} からの応答が途中で切れました。`, 502)));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => fail(new ProxyError(`${url.host} に接続できませんでした（${error.code ?? error.message}）。`, 502)));
    outgoing.end(body);
  });
}

function toResponse(incoming: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item);
  }
  const status = incoming.statusCode ?? 502;
  return new Response([204, 205, 304].includes(status) ? null : new Uint8Array(body), { status, headers });
}

function tooLarge(limits: RemoteLimits): ProxyError {
  return new ProxyError(`応答が${Math.round(limits.maxBytes / 1024)}KBを超えたため取得を中止しました。`, 502);
}
