import { serve } from '@hono/node-server';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../gateway/routes.ts';
import { activeToken, apiFor, codeNear } from './helpers/api.ts';
import { testServices } from './helpers/services.ts';

const START = Date.UTC(2026, 10, 22, 3, 0, 0);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The API served by @hono/node-server, where bodies are read from node's request (gateway/api/body.ts). */
async function served() {
  const { services, clock } = await testServices(START);
  const app = createApp(services);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  closers.push(async () => {
    await new Promise((resolve) => server.close(resolve));
    await services.close();
  });
  const api = await apiFor(services, '10100001', ['verify', 'manage'], app);
  const { token, secret } = await activeToken(services, 'himawari', 'c-taro');
  const port = (server.address() as AddressInfo).port;
  /** Sends `chunks` as the body: with a content-length, or chunked (transfer-encoding) when `chunked`. */
  const send = (path: string, chunks: (string | Buffer)[], headers: Record<string, string> = { 'content-type': 'application/json' }, chunked = false) =>
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
      const sent = request({ port, host: '127.0.0.1', path, method: 'POST', headers: { authorization: `Bearer ${api.key}`, ...headers, ...(chunked ? {} : { 'content-length': String(length) }) } }, (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(Buffer.concat(parts).toString() || 'null') }));
      });
      sent.on('error', reject);
      for (const chunk of chunks) sent.write(chunk);
      sent.end();
    });
  return { api, token, send, code: (offset = 0) => codeNear(secret, token, clock.now(), offset) };
}

describe('bank API bodies over node:http', () => {
  it('verifies from a body sent whole or in chunks, BOM and all, as app.request does', async () => {
    const { api, token, send, code } = await served();
    expect(await send('/api/v1/verifications', [JSON.stringify({ serial: token.serial, otp: code() })])).toMatchObject({ status: 200, json: { result: 'accepted', serial: token.serial } });
    const body = JSON.stringify({ serial: token.serial, otp: code(1) });
    expect(await send('/api/v1/verifications', [body.slice(0, 5), body.slice(5)], { 'content-type': 'application/json' }, true)).toMatchObject({ status: 200, json: { result: 'accepted' } });
    // A leading BOM is dropped as Request.text() drops it; the same body in-process gives the same answer.
    const withBom = `\ufeff${JSON.stringify({ serial: token.serial, otp: code(1) })}`;
    const inProcess = await api.call('POST', '/api/v1/verifications', withBom);
    expect(await send('/api/v1/verifications', [withBom])).toMatchObject({ status: inProcess.status, json: { code: inProcess.json.code } });
    expect(inProcess.json.code).toBe('replayed');
  });

  it('refuses a body over 4 KB with 413, whether its length is declared or it comes chunked', async () => {
    const { token, send } = await served();
    const big = JSON.stringify({ serial: token.serial, otp: 'x'.repeat(5_000) });
    expect(await send('/api/v1/verifications', [big])).toMatchObject({ status: 413, json: { code: 'too_large' } });
    expect(await send('/api/v1/verifications', [big.slice(0, 3_000), big.slice(3_000)], { 'content-type': 'application/json' }, true)).toMatchObject({ status: 413, json: { code: 'too_large' } });
  });

  it('answers invalid JSON, a wrong schema or a missing content type with 400, and reads bodies of other routes', async () => {
    const { token, send } = await served();
    expect(await send('/api/v1/verifications', ['{bad'])).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    expect(await send('/api/v1/verifications', [JSON.stringify({ serial: token.serial })])).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    expect(await send('/api/v1/verifications', [JSON.stringify({ serial: token.serial, otp: '12345678' })], {})).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    expect(await send(`/api/v1/tokens/${token.serial}/revoke`, [JSON.stringify({ reason: 'bank' })])).toMatchObject({ status: 200, json: { serial: token.serial, status: 'revoked' } });
  });
});
