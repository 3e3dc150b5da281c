import { ProxyError } from './proxy.ts';

/** How far a tester's site may go: the answer's size and the time to get all of it. */
export interface RemoteLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** The largest handset download in the catalogue is a 2 MB i-appli; nothing a handset takes is bigger. */
export const REMOTE_LIMITS: RemoteLimits = { maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000 };

/**
 * Fetches one hop from an `EMULATOR_ORIGINS` site: no redirect is followed here (the mini browser asks
 * for each hop, which is checked again), the body is read up to `maxBytes` and everything within `timeoutMs`.
 */
export async function fetchRemote(request: Request, limits: RemoteLimits = REMOTE_LIMITS): Promise<Response> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const host = new URL(request.url).host;
  try {
    const response = await fetch(request, { redirect: 'manual', signal });
    const declared = Number(response.headers.get('content-length'));
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(limits);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limits.maxBytes) {
          await reader.cancel();
          throw tooLarge(limits);
        }
        chunks.push(value);
      }
    }
    const body = Buffer.concat(chunks);
    // Node's fetch has already undone any Content-Encoding: the bytes are what the handset would hold.
    const headers = new Headers(response.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    const status = response.status;
    return new Response([204, 205, 304].includes(status) ? null : body, { status, headers });
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    if (signal.aborted) throw new ProxyError(`${host} から${limits.timeoutMs / 1000}秒以内に応答がありませんでした。`, 504);
    throw new ProxyError(`${host} に接続できませんでした。`, 502);
  }
}

function tooLarge(limits: RemoteLimits): ProxyError {
  return new ProxyError(`応答が${Math.round(limits.maxBytes / 1024)}KBを超えたため取得を中止しました。`, 502);
}
