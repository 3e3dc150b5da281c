import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { limitBody } from '../http/body-limit.ts';
import { ApiProblem, problemResponse } from './problem.ts';

const utf8 = new TextDecoder('utf-8');

/**
 * Refuses a body over `maxBytes` (413 too_large) before anything reads it. Served by
 * @hono/node-server, the body is read straight from node's IncomingMessage and handed to the
 * route's validator as text (hono's `bodyCache`, which `c.req.json()` reads): building the web
 * `Request` and its `ReadableStream` for a body of a few fields cost more CPU than the rest of a
 * verification (README, "api" bench). The text is decoded as `Request.text()` would (UTF-8, a
 * leading BOM dropped), so the validator sees the same thing either way. Elsewhere (`app.request`)
 * the same check is made on the `Request` (`limitBody`, which lets GET and HEAD by unread).
 */
export function apiBody(maxBytes: number): MiddlewareHandler {
  const onRequest = limitBody({ maxSize: maxBytes, onError: (c) => problemResponse(c, new ApiProblem('too_large')) });
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || incoming.readableEnded || c.req.method === 'GET' || c.req.method === 'HEAD') return onRequest(c, next);
    const declared = incoming.headers['content-length'];
    if (declared !== undefined && incoming.headers['transfer-encoding'] === undefined && Number(declared) > maxBytes) return problemResponse(c, new ApiProblem('too_large'));
    const body = await read(incoming, maxBytes);
    if (body === null) return problemResponse(c, new ApiProblem('too_large'));
    // hono keeps the promise of each body reading there (its type names the resolved values).
    (c.req.bodyCache as Record<string, Promise<unknown>>).text = Promise.resolve(utf8.decode(body));
    await next();
  };
}

/**
 * The whole body, or null once it passes `maxBytes`: reading then stops and the stream is left
 * paused, not destroyed, so that the 413 goes out and @hono/node-server drains the rest.
 */
function read(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      incoming.pause();
      stop();
      resolve(null);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    // The client went away mid-body: nobody is left to answer, but say what happened.
    const onError = () => {
      stop();
      reject(new ApiProblem('bad_request', { detail: 'the request body was cut short' }));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}
