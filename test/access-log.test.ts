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
