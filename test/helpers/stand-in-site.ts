import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeShiftJis } from '../../gateway/markup/shift-jis.ts';

/** A tester's own i-mode site on 127.0.0.1, standing in for `https://staging.bank.example`. */
export interface StandInSite {
  origin: string;
  /** Request headers of every request it got, newest last. */
  seen: Array<{ url: string; headers: Record<string, string | string[] | undefined> }>;
  close(): Promise<void>;
}

const sjisPage = (title: string, body: string) => Buffer.from(encodeShiftJis(`<html><head><title>${title}</title></head><body>${body}</body></html>`));

export async function startStandInSite(): Promise<StandInSite> {
  const seen: StandInSite['seen'] = [];
  const server: Server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    const url = new URL(request.url ?? '/', 'http://site.test');
    const html = (body: Buffer, headers: Record<string, string | string[]> = {}) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=Shift_JIS', ...headers });
      response.end(body);
    };
    switch (url.pathname) {
      case '/':
        return html(sjisPage('テストサイト', '<p>ようこそ</p><a href="/big" accesskey="1">大きいページ</a>'), { 'set-cookie': 'visit=1; Path=/' });
      case '/big':
        // Over a 5 KB i-mode page budget (P503i), well under the proxy's cap.
        return html(sjisPage('大きいページ', `<table><tr><td>表</td></tr></table><p>${'あ'.repeat(6000)}</p>`));
      case '/form':
        return html(sjisPage('問合せ', '<form method="post" action="/echo"><input name="q" value=""><input type="submit" value="送信"></form>'));
      case '/broken.xhtml':
        response.writeHead(200, { 'content-type': 'application/xhtml+xml; charset=UTF-8' });
        return response.end('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>壊れたXHTML</title></head><body><p>閉じていない<br></body></html>');
      case '/echo':
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify(request.headers));
      case '/hop':
        response.writeHead(302, { location: '/echo' });
        return response.end();
      case '/away':
        response.writeHead(302, { location: url.searchParams.get('to') ?? 'http://evil.test/' });
        return response.end();
      case '/huge': {
        // 3 MB in two chunks, without Content-Length: only counting the bytes stops it.
        response.writeHead(200, { 'content-type': 'text/html' });
        response.on('error', () => undefined);
        response.write(Buffer.alloc(1536 * 1024, 0x61));
        return response.end(Buffer.alloc(1536 * 1024, 0x61));
      }
      case '/slow':
        return void setTimeout(() => html(sjisPage('遅い', '遅い')), 5_000).unref();
      default:
        response.writeHead(404, { 'content-type': 'text/plain' });
        return response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
