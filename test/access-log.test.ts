import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { accessLog, loggablePath } from '../gateway/access-log.ts';

describe('access log', () => {
  it('masks download tickets and mailbox addresses', () => {
    expect(loggablePath('/m/dl/AbCdEf123')).toBe('/m/dl/***');
    expect(loggablePath('/m/dl/AbCdEf123/app.jam')).toBe('/m/dl/***/app.jam');
    expect(loggablePath('/emulator/api/mailbox/taro@docomo.ne.jp')).toBe('/emulator/api/mailbox/***');
    expect(loggablePath('/ib/top')).toBe('/ib/top');
  });

  it('masks the ticket in every app descriptor and package path, not the fixed app routes', () => {
    const ticket = 'Zm9vYmFyYmF6cXV4LV9xdXV4Y29yZ2Ux';
    for (const file of ['docomo/ketai-token.jam', 'au/ketai-token.jad', 'softbank/ketai-token.jar', 'docomo']) {
      expect(loggablePath(`/m/app/dl/${ticket}/${file}`)).toBe(`/m/app/dl/***/${file}`);
    }
    expect(loggablePath(`/m/app/dl/${ticket}`)).toBe('/m/app/dl/***');
    expect(loggablePath(`/m/app/${ticket}`)).toBe('/m/app/***');
    expect(loggablePath(`/m/app/${ticket}/docomo/ketai-token.jam`)).toBe('/m/app/***/docomo/ketai-token.jam');
    expect(loggablePath('/m/app/pkg/himawari/docomo/ketai-token.jar')).toBe('/m/app/pkg/himawari/docomo/ketai-token.jar');
    expect(loggablePath('/m/app/enroll')).toBe('/m/app/enroll');
    expect(loggablePath('/m/app/webX/docomo/ketai-token.jam')).toBe('/m/app/***/docomo/ketai-token.jam');
    expect(loggablePath('/m/app/web')).toBe('/m/app/web');
    expect(loggablePath('/m/app/web/token.js')).toBe('/m/app/web/token.js');
    expect(loggablePath('/m/app/provision')).toBe('/m/app/provision');
  });

  it('writes method, path without query, status and time, never the body', async () => {
    const lines: string[] = [];
    const app = new Hono();
    app.use(accessLog((line) => lines.push(line)));
    app.post('/m/dl/:ticket', (c) => c.text('nope', 404));
    await app.request('/m/dl/SECRET?mail=taro@example.jp', { method: 'POST', body: 'password=hunter2' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST \/m\/dl\/\*\*\* 404 \d+ms$/);
    expect(lines[0]).not.toMatch(/SECRET|taro|hunter2/);
  });
});
